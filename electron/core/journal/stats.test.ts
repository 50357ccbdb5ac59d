import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, sum } from '../../../shared/domain/money';
import type { Trade } from '../../../shared/domain/types';
import type { TradeFilter } from '../../../shared/contract';
import { tempCore } from '../../../tests/support/temp-core';

/** Figures worked out the plain way from the trade list, for the same filter. */
function expectedFigures(trades: Trade[]) {
  const closed = trades.filter((t) => t.status === 'closed');
  const wins = closed.filter((t) => Number(t.netPnl) > 0).length;
  const withR = closed.filter((t) => t.rMultiple !== null);
  return {
    closedTrades: closed.length,
    openTrades: trades.length - closed.length,
    wins,
    winRate: closed.length === 0 ? null : wins / closed.length,
    netPnl: sum(closed.map((t) => t.netPnlBase ?? 'NaN')),
    expectancyR: withR.length === 0 ? null : withR.reduce((s, t) => s + Number(t.rMultiple), 0) / withR.length,
  };
}

describe('stats.get', () => {
  let t: ReturnType<typeof tempCore>;
  let all: Trade[];
  const list = async (filter: TradeFilter) => (await t.call('trades.list', { filter, limit: 1000 })).items;

  beforeAll(async () => {
    t = tempCore();
    await t.call('demo.load', { trades: 300, seed: 7 });
    all = await list({});
  });
  afterAll(() => t.dispose());

  it('matches figures worked out from the trade list, under every filter the list takes', async () => {
    const accounts = await t.call('accounts.list', {});
    const tags = await t.call('tags.list', {});
    const playbooks = await t.call('playbooks.list', {});
    const from = all[250]?.openedAt ?? 0;
    const to = all[40]?.openedAt ?? 0;
    const filters: TradeFilter[] = [
      {},
      { side: 'short' },
      { accountIds: [accounts[0]?.id ?? ''] },
      { tagId: tags[0]?.id ?? '' },
      { playbookId: playbooks[0]?.id ?? '' },
      { symbol: all[0]?.symbol.toLowerCase() ?? '' },
      { from, to },
      { outcome: 'loss' },
    ];
    const nets = new Set<string>();
    for (const filter of filters) {
      const trades = await list(filter);
      expect(trades.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const want = expectedFigures(trades);
      const stats = await t.call('stats.get', { filter });
      const s = stats.summary;
      expect({ closed: s.closedTrades, open: s.openTrades, wins: s.wins }, JSON.stringify(filter)).toEqual({
        closed: want.closedTrades,
        open: want.openTrades,
        wins: want.wins,
      });
      expect(compare(s.netPnl, want.netPnl), `${s.netPnl} vs ${want.netPnl}`).toBe(0);
      expect(s.winRate).toBeCloseTo(want.winRate ?? Number.NaN, 12);
      if (want.expectancyR === null) expect(s.expectancyR).toBeNull();
      else expect(s.expectancyR).toBeCloseTo(want.expectancyR, 6);
      // The series carry the same money: the last equity point and the days add up to the net.
      expect(stats.series.equity.equity.at(-1) ?? 0).toBeCloseTo(Number(want.netPnl), 6);
      expect(compare(sum(stats.series.daily.map((d) => d.netPnl)), want.netPnl)).toBe(0);
      nets.add(s.netPnl);
    }
    // The filters really select different trades, so the figures move with them.
    expect(nets.size).toBeGreaterThan(5);
  });

  it('counts a tagged trade under its tag in the tag breakdown', async () => {
    const tags = await t.call('tags.list', {});
    const stats = await t.call('stats.get', {});
    for (const tag of tags) {
      const closed = (await list({ tagId: tag.id, status: 'closed' })).length;
      expect(stats.breakdowns.tag.find((b) => b.key === tag.id)?.trades ?? 0, tag.name).toBe(closed);
    }
  });

  it('reports the base currency and the display time zone the figures use', async () => {
    const settings = await t.call('settings.get', {});
    const stats = await t.call('stats.get', {});
    expect(stats.currency).toBe(settings.baseCurrency);
    expect(stats.timeZone).toBe(settings.displayTimeZone);
    expect(stats.unconverted).toBe(0);
  });

  it('rejects a filter the trade list would reject, with a clear error', async () => {
    const result = await t.core.invoke('stats.get', { filter: { from: 10, to: 5 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    const unknown = await t.core.invoke('stats.get', { filter: { colour: 'red' } });
    expect(unknown.ok).toBe(false);
  });
});

describe('stats.get on journals without usable trades', () => {
  it('gives n/a (null) figures and empty series on an empty journal, never NaN', async () => {
    const t = tempCore();
    try {
      const stats = await t.call('stats.get', {});
      const s = stats.summary;
      expect(s.closedTrades).toBe(0);
      expect([s.winRate, s.profitFactor, s.expectancy, s.averageWin, s.averageLoss, s.sharpe]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(s.maxDrawdown.ofPeakEquity).toBeNull();
      expect(stats.series.equity.equity).toEqual([]);
      expect(stats.series.daily).toEqual([]);
      expect(JSON.stringify(stats)).not.toMatch(/NaN|Infinity/);
    } finally {
      t.dispose();
    }
  });

  it('leaves out trades with no rate to the base currency and says how many', async () => {
    const t = tempCore();
    try {
      await t.call('demo.load', { trades: 40, seed: 3 });
      await t.call('settings.update', { patch: { baseCurrency: 'EUR' } });
      const stats = await t.call('stats.get', {});
      expect(stats.currency).toBe('EUR');
      expect(stats.unconverted).toBe(40);
      expect(stats.summary.closedTrades + stats.summary.openTrades).toBe(0);
      await t.call('settings.update', { patch: { fxRates: { USD: '0.5' } } });
      const converted = await t.call('stats.get', {});
      expect(converted.unconverted).toBe(0);
      const usd = (await t.call('trades.list', { limit: 100 })).items.filter((x) => x.status === 'closed');
      const halfNet = sum(usd.map((x) => x.netPnl));
      expect(Number(converted.summary.netPnl)).toBeCloseTo(Number(halfNet) / 2, 6);
      expect(Number(converted.summary.fees)).toBeCloseTo(Number(sum(usd.map((x) => x.fees))) / 2, 6);
    } finally {
      t.dispose();
    }
  });
});
