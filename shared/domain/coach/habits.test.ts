import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, ctx, daily, MIN, trade } from './coach.test-kit';
import { findRevengeTrades, holdingInsights, revengeInsights } from './habits';
import { statsOf } from './insights';
import { exposureOf } from './trades';
import type { CoachTrade } from './types';

const holding = (trades: CoachTrade[]) => holdingInsights(trades, statsOf(trades, ctx).summary);

describe('holding losers', () => {
  it('warns when losers are held much longer than winners, citing the longest-held loser first', () => {
    const winners = daily(6, () => 50, { holdMin: 10 } as Partial<CoachTrade>);
    const losers = daily(6, (i) => -40 - i, {}, '2025-02-03').map((t, i) => ({
      ...t,
      closedAt: t.openedAt + (40 + i) * MIN,
    }));
    const [insight] = holding([...winners, ...losers]);
    expect(insight?.key).toBe('holding.losers-longer');
    expect(insight?.detail).toContain('Losers are held 43 min on average, winners 10 min');
    expect(insight?.tradeIds[0]).toBe(losers[5]?.id);
  });

  it('praises cutting losers fast and says nothing when holds are alike', () => {
    const winners = daily(6, () => 50).map((t) => ({ ...t, closedAt: t.openedAt + 60 * MIN }));
    const quick = daily(6, () => -40, {}, '2025-02-03').map((t) => ({ ...t, closedAt: t.openedAt + 10 * MIN }));
    expect(holding([...winners, ...quick]).map((i) => i.key)).toEqual(['holding.cut-losers']);
    const alike = daily(6, () => -40, {}, '2025-02-03').map((t) => ({ ...t, closedAt: t.openedAt + 50 * MIN }));
    expect(holding([...winners, ...alike])).toEqual([]);
  });

  it('needs enough winners and losers', () => {
    const winners = daily(4, () => 50);
    const losers = daily(6, () => -40, {}, '2025-02-03').map((t) => ({ ...t, closedAt: t.openedAt + 90 * MIN }));
    expect(holding([...winners, ...losers])).toEqual([]);
  });
});

describe('revenge trading', () => {
  const loss = trade({ openedAt: at('2025-03-03', '10:00'), holdMin: 5, pnl: -200, quantity: '2' });
  const lossEnd = loss.closedAt ?? 0;

  it('flags a bigger trade opened within 15 minutes of a loss', () => {
    const revenge = trade({ openedAt: lossEnd + 6 * MIN, pnl: -300, quantity: '4' });
    expect(findRevengeTrades([loss, revenge])).toEqual([
      { tradeId: revenge.id, afterLossId: loss.id, minutesAfter: 6, sizeRatio: 2 },
    ]);
    const [insight] = revengeInsights([loss, revenge], ctx);
    expect(insight?.detail).toContain('1 trade was opened within 15 min');
    expect(insight?.detail).toContain('won 0% and made -300.00 USD');
    expect(insight?.tradeIds).toEqual([revenge.id]);
  });

  it('does not flag a same-size trade, a late trade, or a bigger trade after a win', () => {
    const same = trade({ openedAt: lossEnd + 5 * MIN, pnl: 10, quantity: '2' });
    const late = trade({ openedAt: lossEnd + 16 * MIN, pnl: 10, quantity: '5' });
    const win = trade({ openedAt: at('2025-03-04', '10:00'), holdMin: 5, pnl: 200, quantity: '2' });
    const afterWin = trade({ openedAt: (win.closedAt ?? 0) + 2 * MIN, pnl: 10, quantity: '5' });
    expect(findRevengeTrades([loss, same, late, win, afterWin])).toEqual([]);
    expect(revengeInsights([loss, same, late, win, afterWin], ctx)).toEqual([]);
  });

  it('only ever flags trades opened within the window after a loss with more at stake', () => {
    const arb = fc.array(
      fc.record({
        gapMin: fc.integer({ min: 0, max: 40 }),
        hold: fc.integer({ min: 1, max: 30 }),
        pnl: fc.integer({ min: -100, max: 100 }),
        qty: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        let clock = at('2025-03-03', '09:30');
        const trades = specs.map((s) => {
          clock += s.gapMin * MIN;
          return trade({ openedAt: clock, holdMin: s.hold, pnl: s.pnl, quantity: String(s.qty) });
        });
        const byId = new Map(trades.map((t) => [t.id, t]));
        for (const r of findRevengeTrades(trades)) {
          const t = byId.get(r.tradeId);
          const l = byId.get(r.afterLossId);
          if (!t || !l || l.closedAt === null) return false;
          if (Number(l.netPnl) >= 0 || t.openedAt < l.closedAt || t.openedAt - l.closedAt > 15 * MIN) return false;
          if (exposureOf(t) <= exposureOf(l)) return false;
        }
        return true;
      }),
    );
  });
});
