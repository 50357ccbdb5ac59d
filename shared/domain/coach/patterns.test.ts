import { describe, expect, it } from 'vitest';
import { at, ctx, trade } from './coach.test-kit';
import { mistakeInsights } from './mistakes';
import { overtradingInsights } from './overtrading';
import { sizingInsights } from './sizing';
import type { CoachTrade } from './types';

/** Two trades a day for `days` days, then one busy day of `busy` trades with P&L `busyPnl` each. */
function journal(days: number, busy: number, busyPnl: number): CoachTrade[] {
  const trades: CoachTrade[] = [];
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.UTC(2025, 0, 6 + d)).toISOString().slice(0, 10);
    trades.push(trade({ openedAt: at(day, '10:00'), pnl: 30 }), trade({ openedAt: at(day, '11:00'), pnl: -10 }));
  }
  for (let k = 0; k < busy; k++)
    trades.push(trade({ openedAt: at('2025-02-20', '10:00') + k * 20 * 60_000, pnl: busyPnl }));
  return trades;
}

describe('overtrading', () => {
  it('warns about a day far above the usual count that did worse', () => {
    const [insight] = overtradingInsights(journal(8, 6, -15), ctx);
    expect(insight?.key).toBe('overtrading');
    expect(insight?.detail).toContain('On 1 day you traded at least 5 times against a usual 2');
    expect(insight?.detail).toContain('2025-02-20 (6)');
    expect(insight?.tradeIds).toHaveLength(6);
  });

  it('says nothing when the busy day did better, or was not far above the usual', () => {
    expect(overtradingInsights(journal(8, 6, 50), ctx)).toEqual([]);
    expect(overtradingInsights(journal(8, 4, -15), ctx)).toEqual([]);
  });

  it('needs a few days of history to know the usual day', () => {
    expect(overtradingInsights(journal(3, 8, -15), ctx)).toEqual([]);
  });
});

describe('position size drift', () => {
  const series = (sizes: number[]) =>
    sizes.map((q, i) =>
      trade({ openedAt: at('2025-01-06', '10:00') + i * 3_600_000, pnl: i % 2 ? 20 : -10, quantity: String(q) }),
    );

  it('warns when recent trades are much bigger than earlier ones on the same symbols', () => {
    const trades = series([...Array<number>(20).fill(1), ...Array<number>(10).fill(3)]);
    const [insight] = sizingInsights(trades, ctx);
    expect(insight?.key).toBe('sizing.up');
    expect(insight?.detail).toContain('last 10 trades were 3.0× the size');
    expect(insight?.tradeIds.every((id) => trades.slice(20).some((t) => t.id === id))).toBe(true);
  });

  it('compares each trade with its own symbol, so mixing instruments is not drift', () => {
    const small = series(Array<number>(15).fill(1)).map((t) => ({ ...t, symbol: 'MES' }));
    const big = series(Array<number>(15).fill(10)).map((t) => ({
      ...t,
      symbol: 'ES',
      openedAt: t.openedAt + 86_400_000,
    }));
    expect(sizingInsights([...small, ...big], ctx)).toEqual([]);
  });

  it('stays quiet with steady size or too few trades', () => {
    expect(sizingInsights(series(Array<number>(40).fill(2)), ctx)).toEqual([]);
    expect(sizingInsights(series([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5]), ctx)).toEqual([]);
  });
});

describe('recorded mistakes', () => {
  it('names the label whose trades lost the most', () => {
    const day = (d: number) => at('2025-01-06', '10:00') + d * 86_400_000;
    const trades = [
      ...[0, 1, 2].map((d) => trade({ openedAt: day(d), pnl: -100, mistakes: ['moved stop'] })),
      ...[3, 4, 5].map((d) => trade({ openedAt: day(d), pnl: -20, mistakes: ['FOMO'] })),
      ...[6, 7].map((d) => trade({ openedAt: day(d), pnl: -500, mistakes: ['chased'] })),
    ];
    const [insight] = mistakeInsights(trades, ctx);
    expect(insight?.title).toBe('Costliest mistake: moved stop');
    expect(insight?.detail).toContain('3 trades with "moved stop"; together they lost -300.00 USD');
  });

  it('stays quiet when the repeated mistake made money anyway', () => {
    const trades = [0, 1, 2].map((d) =>
      trade({ openedAt: at('2025-01-06', '10:00') + d * 86_400_000, pnl: 40, mistakes: ['early exit'] }),
    );
    expect(mistakeInsights(trades, ctx)).toEqual([]);
  });
});
