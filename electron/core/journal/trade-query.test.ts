import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zonedTimeToUtc } from '../../../shared/import/time';
import { tempCore } from '../../../tests/support/temp-core';

/** First and last ms of a calendar day in a zone, worked out here apart from the renderer's helper. */
function dayBounds(day: string, timeZone: string): { start: number; end: number } {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const at = (d: number) =>
    zonedTimeToUtc({ year, month, day: d, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
  return { start: at(date), end: at(date + 1) - 1 };
}

describe('the trades of one calendar day', () => {
  let t: ReturnType<typeof tempCore>;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('lists the trades closed that day, whose P&L is the day the calendar colours', async () => {
    await t.call('demo.load', { trades: 300, seed: 11 });
    const all = await t.call('stats.get', { filter: {} });
    const days = all.series.daily.slice(-5);
    expect(days.length).toBeGreaterThan(0);
    const everything = (await t.call('trades.list', { limit: 1000 })).items;
    for (const { day, netPnl, trades } of days) {
      const { start, end } = dayBounds(day, all.timeZone);
      const filter = { closedFrom: start, closedTo: end };
      const listed = await t.call('trades.list', { filter, limit: 1000 });
      const expected = everything.filter((x) => x.closedAt !== null && x.closedAt >= start && x.closedAt <= end);
      expect(listed.items.map((x) => x.id).sort()).toEqual(expected.map((x) => x.id).sort());
      expect(listed.total).toBe(trades);
      const stats = await t.call('stats.get', { filter });
      expect(stats.summary.netPnl).toBe(netPnl);
      expect(stats.summary.openTrades).toBe(0);
    }
  });

  it('leaves out open trades and refuses an end before the start', async () => {
    await t.call('demo.load', { trades: 60, seed: 3 });
    const open = (await t.call('trades.list', { filter: { status: 'open' }, limit: 1000 })).items;
    const closedEver = await t.call('trades.list', { filter: { closedFrom: 0, closedTo: Date.now() * 2 }, limit: 1 });
    const closedAll = await t.call('trades.list', { filter: { status: 'closed' }, limit: 1 });
    expect(closedEver.total).toBe(closedAll.total);
    expect(open.every((x) => x.closedAt === null)).toBe(true);
    const bad = await t.core.invoke('trades.list', { filter: { closedFrom: 10, closedTo: 5 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
