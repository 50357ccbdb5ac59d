import { describe, expect, it } from 'vitest';
import { computeStats } from './compute-stats';
import type { StatsTrade } from './types';

const NY = { timeZone: 'America/New_York' };
const at = (iso: string) => Date.parse(iso);

function trade(id: string, fields: Partial<StatsTrade>): StatsTrade {
  return {
    id,
    accountId: 'acct-1',
    symbol: 'AAPL',
    side: 'long',
    status: 'closed',
    openedAt: at('2024-03-08T14:30:00Z'),
    closedAt: at('2024-03-08T14:45:00Z'),
    netPnl: '0',
    grossPnl: '0',
    fees: '0',
    rMultiple: null,
    playbookId: null,
    tagIds: [],
    quantity: '1',
    ...fields,
  };
}

// Five closed trades and one open one around the US switch to daylight time (Sunday
// 2024-03-10: New York goes from UTC−5 to UTC−4), in close order:
//   t1 Fri 09:30–09:45 EST  long  AAPL  +100.50  R 1    pb1  [a]     held 15 min
//   t2 Fri 10:00–10:00:30   short MSFT   −50.25  R −0.5 —    []      held 30 s
//   t3 Mon 09:30–11:30 EDT  long  AAPL   −80     —      pb1  [a, b]  held 2 h
//   t4 Mon 14:00–Tue 10:00  short AAPL   +30     R 3    pb2  [b]     held 20 h
//   t5 Tue 15:00–Thu 15:00  long  MSFT     0     R 0    pb2  []      held 2 days
const journal: StatsTrade[] = [
  // Given out of order: the engine sorts by close time.
  trade('t3', {
    openedAt: at('2024-03-11T13:30:00Z'),
    closedAt: at('2024-03-11T15:30:00Z'),
    netPnl: '-80.00',
    grossPnl: '-78',
    fees: '2',
    playbookId: 'pb1',
    tagIds: ['a', 'b'],
  }),
  trade('t1', { netPnl: '100.50', grossPnl: '102', fees: '1.50', rMultiple: '1', playbookId: 'pb1', tagIds: ['a'] }),
  trade('t2', {
    symbol: 'MSFT',
    side: 'short',
    openedAt: at('2024-03-08T15:00:00Z'),
    closedAt: at('2024-03-08T15:00:30Z'),
    netPnl: '-50.25',
    grossPnl: '-49',
    fees: '1.25',
    rMultiple: '-0.5',
  }),
  trade('t4', {
    side: 'short',
    openedAt: at('2024-03-11T18:00:00Z'),
    closedAt: at('2024-03-12T14:00:00Z'),
    netPnl: '30',
    grossPnl: '31',
    fees: '1',
    rMultiple: '3',
    playbookId: 'pb2',
    tagIds: ['b'],
  }),
  trade('t5', {
    symbol: 'MSFT',
    openedAt: at('2024-03-12T19:00:00Z'),
    closedAt: at('2024-03-14T19:00:00Z'),
    netPnl: '0',
    grossPnl: '1',
    fees: '1',
    rMultiple: '0',
    playbookId: 'pb2',
  }),
  trade('t6', { symbol: 'TSLA', status: 'open', openedAt: at('2024-03-14T14:00:00Z'), closedAt: null, netPnl: '-5' }),
];

describe('computeStats on a hand-worked journal', () => {
  const stats = computeStats(journal, { ...NY, initialEquity: '1000' });
  const { summary, breakdowns, series } = stats;

  it('counts and money totals', () => {
    expect(summary).toMatchObject({ closedTrades: 5, openTrades: 1, wins: 2, losses: 2, breakeven: 1, winRate: 0.4 });
    // Net 100.5 − 50.25 − 80 + 30 + 0 = 0.25; gross 102 − 49 − 78 + 31 + 1 = 7; fees 6.75.
    expect(summary).toMatchObject({ netPnl: '0.25', grossPnl: '7', fees: '6.75' });
    expect(summary).toMatchObject({ grossProfit: '130.5', grossLoss: '-130.25' });
    expect(summary).toMatchObject({ largestWin: '100.5', largestLoss: '-80' });
  });

  it('ratios and averages', () => {
    expect(summary.profitFactor).toBeCloseTo(130.5 / 130.25, 12);
    expect(summary.expectancy).toBeCloseTo(0.25 / 5, 12);
    // R is known for t1, t2, t4, t5: (1 − 0.5 + 3 + 0) / 4.
    expect(summary).toMatchObject({ expectancyR: 0.875, rTrades: 4, averageWin: 65.25, averageLoss: -65.125 });
    expect(summary.payoffRatio).toBeCloseTo(65.25 / 65.125, 12);
    // Fees over the gross of trades that made money before costs: 6.75 / (102 + 31 + 1).
    expect(summary.commissionShare).toBeCloseTo(6.75 / 134, 12);
    // Close order W L L W B.
    expect(summary).toMatchObject({ longestWinStreak: 1, longestLossStreak: 2 });
    // Winners held 15 min and 20 h; losers 30 s and 2 h.
    expect(summary.averageHoldWinnersMs).toBe((900_000 + 72_000_000) / 2);
    expect(summary.averageHoldLosersMs).toBe((30_000 + 7_200_000) / 2);
  });

  it('drawdown: from the t1 peak to the t3 trough, not recovered', () => {
    // Equity 100.5, 50.25, −29.75, 0.25, 0.25: the peak is 100.5, the trough −29.75.
    expect(series.equity.tradeIds).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(series.equity.equity).toEqual([100.5, 50.25, -29.75, 0.25, 0.25]);
    expect(series.equity.drawdown).toEqual([0, -50.25, -130.25, -100.25, -100.25]);
    expect(summary.maxDrawdown).toEqual({
      amount: '130.25',
      // 130.25 of 1000 + 100.5 at the peak.
      ofPeakEquity: 130.25 / 1100.5,
      peakAt: at('2024-03-08T14:45:00Z'),
      troughAt: at('2024-03-11T15:30:00Z'),
      recoveredAt: null,
      recoveryDay: null,
      // Peak on Fri 8th, still under water at the last close on Thu 14th.
      durationDays: 6,
    });
  });

  it('daily P&L, Sharpe and Sortino over days with closes', () => {
    expect(series.daily).toEqual([
      { day: '2024-03-08', netPnl: '50.25', trades: 2 },
      { day: '2024-03-11', netPnl: '-80', trades: 1 },
      { day: '2024-03-12', netPnl: '30', trades: 1 },
      { day: '2024-03-14', netPnl: '0', trades: 1 },
    ]);
    // Mean 0.0625; squared deviations sum to 9825.046875, over n − 1 = 3.
    expect(summary.sharpe).toBeCloseTo((0.0625 / Math.sqrt(9825.046875 / 3)) * Math.sqrt(252), 12);
    // Only −80 is below zero: downside deviation √(6400 / 4) = 40.
    expect(summary.sortino).toBeCloseTo((0.0625 / 40) * Math.sqrt(252), 12);
    expect(summary.tradingDays).toBe(4);
  });

  it('breakdowns by playbook, tag and symbol', () => {
    expect(breakdowns.playbook).toEqual([
      { key: 'pb1', trades: 2, wins: 1, losses: 1, winRate: 0.5, netPnl: '20.5', avgR: 1, profitFactor: 100.5 / 80 },
      { key: 'pb2', trades: 2, wins: 1, losses: 0, winRate: 0.5, netPnl: '30', avgR: 1.5, profitFactor: null },
      { key: null, trades: 1, wins: 0, losses: 1, winRate: 0, netPnl: '-50.25', avgR: -0.5, profitFactor: 0 },
    ]);
    expect(breakdowns.tag.map((b) => [b.key, b.trades, b.netPnl, b.avgR])).toEqual([
      ['a', 2, '20.5', 1],
      ['b', 2, '-50', 3],
      [null, 2, '-50.25', -0.25],
    ]);
    expect(breakdowns.symbol.map((b) => [b.key, b.trades, b.wins, b.netPnl])).toEqual([
      ['AAPL', 3, 2, '50.5'],
      ['MSFT', 2, 0, '-50.25'],
    ]);
    expect(breakdowns.side.map((b) => [b.key, b.trades, b.netPnl])).toEqual([
      ['long', 3, '20.5'],
      ['short', 2, '-20.25'],
    ]);
  });

  it('clock breakdowns use New York wall time on both sides of the switch', () => {
    const counts = <K>(buckets: { key: K; trades: number }[]) =>
      buckets.filter((b) => b.trades > 0).map((b) => [b.key, b.trades]);
    // t3 opened 13:30 UTC on Monday: 09:30 daylight time (08:30 if the switch were missed).
    expect(counts(breakdowns.hour)).toEqual([
      [9, 2],
      [10, 1],
      [14, 1],
      [15, 1],
    ]);
    expect(counts(breakdowns.weekday)).toEqual([
      [1, 2],
      [2, 1],
      [5, 2],
    ]);
    expect(breakdowns.weekday).toHaveLength(7);
    expect(breakdowns.hour).toHaveLength(24);
    // Each bucket includes its lower bound: t1's 15 minutes are in 15m-1h.
    expect(counts(breakdowns.holdingTime)).toEqual([
      ['<1m', 1],
      ['15m-1h', 1],
      ['1h-4h', 1],
      ['4h-1d', 1],
      ['>=1d', 1],
    ]);
    expect(counts(breakdowns.month)).toEqual([['2024-03', 5]]);
  });

  it('R histogram: 0.5 R bins, each with its lower edge', () => {
    const filled = series.rHistogram.filter((b) => b.trades > 0);
    expect(filled).toEqual([
      { from: -0.5, to: 0, trades: 1 },
      { from: 0, to: 0.5, trades: 1 },
      { from: 1, to: 1.5, trades: 1 },
      { from: 3, to: null, trades: 1 },
    ]);
    expect(series.rHistogram).toHaveLength(14);
    expect(series.rHistogram[0]).toEqual({ from: null, to: -3, trades: 0 });
  });
});

describe('computeStats at the edges', () => {
  it('an empty journal: counts 0, every ratio null', () => {
    const { summary, breakdowns, series } = computeStats([], { ...NY, initialEquity: '1000' });
    expect(summary).toMatchObject({ closedTrades: 0, openTrades: 0, wins: 0, netPnl: '0', fees: '0' });
    for (const key of [
      'winRate',
      'profitFactor',
      'expectancy',
      'expectancyR',
      'averageWin',
      'averageLoss',
      'payoffRatio',
      'largestWin',
      'largestLoss',
      'commissionShare',
      'sharpe',
      'sortino',
      'averageHoldWinnersMs',
      'averageHoldLosersMs',
    ] as const) {
      expect(summary[key], key).toBeNull();
    }
    expect(summary.maxDrawdown).toMatchObject({ amount: '0', ofPeakEquity: null, durationDays: null });
    expect(breakdowns.weekday.every((b) => b.trades === 0 && b.winRate === null && b.netPnl === '0')).toBe(true);
    expect(breakdowns.playbook).toEqual([]);
    expect(series.equity).toEqual({ tradeIds: [], closedAt: [], equity: [], drawdown: [] });
    expect(series.daily).toEqual([]);
  });

  it('only winners: profit factor null (not Infinity), no drawdown', () => {
    const winners = [
      trade('w1', { netPnl: '10' }),
      trade('w2', { netPnl: '5.5', closedAt: at('2024-03-09T15:00:00Z') }),
    ];
    const { summary } = computeStats(winners, { ...NY, initialEquity: '100' });
    expect(summary).toMatchObject({ wins: 2, winRate: 1, profitFactor: null, averageLoss: null, payoffRatio: null });
    expect(summary).toMatchObject({ largestLoss: null, grossLoss: '0', sortino: null, longestWinStreak: 2 });
    expect(summary.maxDrawdown).toEqual({
      amount: '0',
      ofPeakEquity: 0,
      peakAt: null,
      troughAt: null,
      recoveredAt: null,
      recoveryDay: null,
      durationDays: null,
    });
  });

  it('only losers: profit factor 0, a drawdown from the start that never recovers', () => {
    const losers = [
      trade('l1', { netPnl: '-10', openedAt: at('2024-03-04T15:00:00Z'), closedAt: at('2024-03-05T15:00:00Z') }),
      trade('l2', { netPnl: '-2.5', openedAt: at('2024-03-06T15:00:00Z'), closedAt: at('2024-03-07T15:00:00Z') }),
    ];
    const { summary } = computeStats(losers, { ...NY, initialEquity: '100' });
    expect(summary).toMatchObject({ losses: 2, winRate: 0, profitFactor: 0, averageWin: null, payoffRatio: null });
    expect(summary.maxDrawdown).toEqual({
      amount: '12.5',
      ofPeakEquity: 0.125,
      // The curve starts at 0 when the first trade opened (Mon 4th) and ends Thu 7th.
      peakAt: at('2024-03-04T15:00:00Z'),
      troughAt: at('2024-03-07T15:00:00Z'),
      recoveredAt: null,
      recoveryDay: null,
      durationDays: 3,
    });
  });

  it('a recovered drawdown reports the recovery day and its length', () => {
    const trades = [
      trade('a', { netPnl: '50', closedAt: at('2024-03-04T15:00:00Z') }),
      trade('b', { netPnl: '-30', closedAt: at('2024-03-05T15:00:00Z') }),
      trade('c', { netPnl: '-40', closedAt: at('2024-03-06T15:00:00Z') }),
      trade('d', { netPnl: '70', closedAt: at('2024-03-08T02:00:00Z') }),
      trade('e', { netPnl: '-20', closedAt: at('2024-03-11T15:00:00Z') }),
    ];
    const { summary } = computeStats(trades, NY);
    // Peak 50 after a; trough −20 after c (70 down); back to 50 with d, which closed at
    // 21:00 New York time on the 7th. The later dip (20) is shallower.
    expect(summary.maxDrawdown).toMatchObject({
      amount: '70',
      ofPeakEquity: null,
      recoveredAt: at('2024-03-08T02:00:00Z'),
      recoveryDay: '2024-03-07',
      durationDays: 3,
    });
  });

  it('throws on a zone Intl does not know, and on a malformed amount', () => {
    expect(() => computeStats([], { timeZone: 'Mars/Olympus' })).toThrow(/Unknown time zone/);
    expect(() => computeStats([trade('x', { netPnl: '1,5' })], NY)).toThrow(/Not a decimal/);
  });
});
