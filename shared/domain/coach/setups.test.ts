import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daily, ctx, trade, at } from './coach.test-kit';
import { statsOf } from './insights';
import { MIN_GROUP_TRADES, setupInsights } from './setups';
import type { CoachTrade } from './types';

const run = (trades: CoachTrade[]) => setupInsights(trades, statsOf(trades, ctx), ctx);

describe('best and worst setups', () => {
  it('names the playbook that loses and the one that pays, citing their trades', () => {
    const orb = daily(12, (i) => (i % 4 === 0 ? -50 : 100), { playbookId: 'orb' });
    const fade = daily(12, (i) => (i % 4 === 0 ? 40 : -80), { playbookId: 'fade' }, '2025-03-03');
    const found = run([...orb, ...fade]);
    const best = found.find((i) => i.key === 'setup.best:orb');
    const worst = found.find((i) => i.key === 'setup.worst:fade');
    expect(best?.title).toBe('Best setup: Opening range');
    expect(best?.detail).toContain('12 trades, 75% won, +750.00 USD net');
    expect(worst?.severity).toBe('warning');
    expect(worst?.detail).toContain('-600.00 USD net');
    expect(new Set(worst?.tradeIds)).toEqual(new Set(fade.map((t) => t.id)));
  });

  it('stays quiet when a group has fewer trades than the minimum sample', () => {
    const orb = daily(9, () => 100, { playbookId: 'orb' });
    const fade = daily(9, () => -80, { playbookId: 'fade' }, '2025-03-03');
    expect(run([...orb, ...fade]).filter((i) => i.kind === 'setup')).toEqual([]);
  });

  it('calls no setup worst when every setup makes money', () => {
    const orb = daily(12, () => 100, { playbookId: 'orb' });
    const fade = daily(12, () => 20, { playbookId: 'fade' }, '2025-03-03');
    const found = run([...orb, ...fade]).filter((i) => i.kind === 'setup');
    expect(found.map((i) => i.key)).toEqual(['setup.best:orb']);
  });

  it('does not call trades without a playbook a setup', () => {
    const none = daily(12, () => 100);
    const fade = daily(12, () => -80, { playbookId: 'fade' }, '2025-03-03');
    const orb = daily(12, () => 10, { playbookId: 'orb' }, '2025-05-05');
    const keys = run([...none, ...fade, ...orb])
      .filter((i) => i.kind === 'setup')
      .map((i) => i.key);
    expect(keys).toEqual(['setup.worst:fade']);
  });

  it('finds the losing hour of the day', () => {
    const days = Array.from({ length: 12 }, (_, i) => `2025-02-${String(i + 3).padStart(2, '0')}`);
    const morning = days.map((d) => trade({ openedAt: at(d, '09:40'), pnl: 60 }));
    const lunch = days.map((d) => trade({ openedAt: at(d, '12:15'), pnl: -45 }));
    const worst = run([...morning, ...lunch]).find((i) => i.key === 'hour.worst:12');
    expect(worst?.title).toBe('Worst time of day: Trades opened 12:00–13:00');
    expect(worst?.tradeIds).toHaveLength(12);
  });

  it('finds the best weekday and stays quiet on a weekday with too few trades', () => {
    // Mondays 2025-01-06 … and Fridays 2025-01-10 …, twelve weeks; one Wednesday loss.
    const week = (w: number, d: number) => new Date(Date.UTC(2025, 0, 6 + w * 7 + d, 10)).getTime();
    const mondays = Array.from({ length: 12 }, (_, w) => trade({ openedAt: week(w, 0), pnl: 90 }));
    const fridays = Array.from({ length: 12 }, (_, w) => trade({ openedAt: week(w, 4), pnl: w % 2 ? 10 : -5 }));
    const wednesday = trade({ openedAt: week(0, 2), pnl: -500 });
    const keys = run([...mondays, ...fridays, wednesday])
      .filter((i) => i.key.startsWith('weekday'))
      .map((i) => i.key);
    expect(keys).toEqual(['weekday.best:1']);
  });

  it('never calls a group a pattern below the minimum sample, and the best makes money while the worst loses', () => {
    const arb = fc.array(
      fc.record({
        book: fc.constantFrom('orb', 'fade', null),
        pnl: fc.integer({ min: -100, max: 100 }),
        day: fc.integer({ min: 0, max: 60 }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const trades = specs.map((s) =>
          trade({ openedAt: at('2025-01-06', '10:00') + s.day * 86_400_000, pnl: s.pnl, playbookId: s.book }),
        );
        for (const insight of run(trades).filter((i) => i.kind === 'setup')) {
          const book = insight.key.split(':')[1];
          const group = trades.filter((t) => t.playbookId === book);
          const net = group.reduce((sum, t) => sum + Number(t.netPnl), 0);
          if (group.length < MIN_GROUP_TRADES) return false;
          if (insight.key.startsWith('setup.best') ? net <= 0 : net >= 0) return false;
        }
        return true;
      }),
    );
  });
});
