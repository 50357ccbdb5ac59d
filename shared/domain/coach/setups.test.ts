import { describe, expect, it } from 'vitest';
import { daily, ctx, trade, at } from './coach.test-kit';
import { statsOf } from './insights';
import { setupInsights } from './setups';
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
});
