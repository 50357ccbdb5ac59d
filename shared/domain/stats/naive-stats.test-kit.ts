import { abs, add, compare, div, sign, sub, sum } from '../money';
import type { Decimal, TradeSide } from '../types';
import type {
  Bucket,
  HoldingBucket,
  JournalStats,
  MaxDrawdown,
  RBin,
  StatsOptions,
  StatsSummary,
  StatsTrade,
  Weekday,
} from './types';

/**
 * A second computeStats, written plainly for the tests to check the fast one against: big.js
 * (money.ts) for every sum, Intl per trade for calendar fields, one loop per figure, no
 * caches, no typed arrays. Slow by design; never use it outside tests.
 */

type Local = { day: string; month: string; weekday: Weekday; hour: number };
type Closed = StatsTrade & { close: number; open: Local; closeLocal: Local };

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function localOf(ms: number, timeZone: string): Local {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const month = `${part('year')}-${part('month')}`;
  return {
    day: `${month}-${part('day')}`,
    month,
    weekday: (WEEKDAY_NAMES.indexOf(part('weekday')) + 1) as Weekday,
    hour: Number(part('hour')),
  };
}

/** a ÷ b as a number, null when b is zero. */
function ratioOf(a: Decimal, b: Decimal): number | null {
  return sign(b) === 0 ? null : Number(div(a, b, 20));
}

const mean = (values: Decimal[]) => (values.length === 0 ? null : Number(div(sum(values), String(values.length), 20)));

function holdingOf(ms: number): HoldingBucket {
  const minute = 60_000;
  if (ms < minute) return '<1m';
  if (ms < 5 * minute) return '1m-5m';
  if (ms < 15 * minute) return '5m-15m';
  if (ms < 60 * minute) return '15m-1h';
  if (ms < 240 * minute) return '1h-4h';
  if (ms < 1440 * minute) return '4h-1d';
  return '>=1d';
}

function bucket<K>(key: K, trades: Closed[]): Bucket<K> {
  const nets = trades.map((t) => t.netPnl);
  const wins = nets.filter((n) => sign(n) > 0);
  const losses = nets.filter((n) => sign(n) < 0);
  const rs = trades.flatMap((t) => (t.rMultiple === null ? [] : [t.rMultiple]));
  return {
    key,
    trades: trades.length,
    wins: wins.length,
    losses: losses.length,
    winRate: trades.length === 0 ? null : wins.length / trades.length,
    netPnl: sum(nets),
    avgR: mean(rs),
    profitFactor: ratioOf(sum(wins), abs(sum(losses))),
  };
}

function groupBy<K>(trades: Closed[], keysOf: (t: Closed) => K[], keys: K[]): Bucket<K>[] {
  return keys.map((key) =>
    bucket(
      key,
      trades.filter((t) => keysOf(t).includes(key)),
    ),
  );
}

const sortedKeys = <K extends string | null>(values: K[]): K[] =>
  [...new Set(values)].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));

function drawdownOf(closed: Closed[], options: StatsOptions): MaxDrawdown {
  let cum = '0';
  let peak = '0';
  let peakAt = closed[0]?.openedAt ?? null;
  let bestPeak = '0';
  let best: MaxDrawdown = {
    amount: '0',
    ofPeakEquity: null,
    peakAt: null,
    troughAt: null,
    recoveredAt: null,
    recoveryDay: null,
    durationDays: null,
  };
  let open = false;
  for (const t of closed) {
    cum = add(cum, t.netPnl);
    if (compare(cum, peak) >= 0) {
      if (open) best = { ...best, recoveredAt: t.close, recoveryDay: t.closeLocal.day };
      open = false;
      peak = cum;
      peakAt = t.close;
    } else if (compare(sub(peak, cum), best.amount) > 0) {
      best = { ...best, amount: sub(peak, cum), peakAt, troughAt: t.close, recoveredAt: null, recoveryDay: null };
      bestPeak = peak;
      open = true;
    }
  }
  const base = options.initialEquity === undefined ? null : add(options.initialEquity, bestPeak);
  const ofPeakEquity =
    closed.length === 0 || base === null || sign(base) <= 0 ? null : Number(div(best.amount, base, 20));
  const last = closed[closed.length - 1];
  let durationDays: number | null = null;
  if (best.troughAt !== null && best.peakAt !== null && last !== undefined) {
    const end = localOf(best.recoveredAt ?? last.close, options.timeZone).day;
    const start = localOf(best.peakAt, options.timeZone).day;
    durationDays = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
  }
  return { ...best, ofPeakEquity, durationDays };
}

function dailyOf(closed: Closed[]) {
  const days = [...new Set(closed.map((t) => t.closeLocal.day))].sort();
  return days.map((day) => {
    const trades = closed.filter((t) => t.closeLocal.day === day);
    return { day, netPnl: sum(trades.map((t) => t.netPnl)), trades: trades.length };
  });
}

function sharpeOf(daily: Decimal[]): { sharpe: number | null; sortino: number | null } {
  if (daily.length < 2) return { sharpe: null, sortino: null };
  const values = daily.map(Number);
  const avg = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, x) => a + (x - avg) ** 2, 0) / (values.length - 1);
  const downside = Math.sqrt(values.reduce((a, x) => a + Math.min(0, x) ** 2, 0) / values.length);
  const allEqual = daily.every((d) => compare(d, daily[0] ?? '0') === 0);
  return {
    sharpe: allEqual ? null : (avg / Math.sqrt(variance)) * Math.sqrt(252),
    sortino: downside === 0 ? null : (avg / downside) * Math.sqrt(252),
  };
}

function streaks(closed: Closed[]): { win: number; loss: number } {
  let win = 0;
  let loss = 0;
  let run = 0;
  let runSign = 0;
  for (const t of closed) {
    const s = sign(t.netPnl);
    run = s !== 0 && s === runSign ? run + 1 : s === 0 ? 0 : 1;
    runSign = s;
    if (s > 0) win = Math.max(win, run);
    if (s < 0) loss = Math.max(loss, run);
  }
  return { win, loss };
}

function summaryOf(trades: readonly StatsTrade[], closed: Closed[], options: StatsOptions): StatsSummary {
  const nets = closed.map((t) => t.netPnl);
  const winners = closed.filter((t) => sign(t.netPnl) > 0);
  const losers = closed.filter((t) => sign(t.netPnl) < 0);
  const grossProfit = sum(winners.map((t) => t.netPnl));
  const grossLoss = sum(losers.map((t) => t.netPnl));
  const averageWin = mean(winners.map((t) => t.netPnl));
  const averageLoss = mean(losers.map((t) => t.netPnl));
  const rs = closed.flatMap((t) => (t.rMultiple === null ? [] : [t.rMultiple]));
  const byNet = [...nets].sort((a, b) => compare(a, b));
  const daily = dailyOf(closed);
  const { sharpe, sortino } = sharpeOf(daily.map((d) => d.netPnl));
  const run = streaks(closed);
  const hold = (list: Closed[]) =>
    list.length === 0 ? null : list.reduce((a, t) => a + (t.close - t.openedAt), 0) / list.length;
  const fees = sum(closed.map((t) => t.fees));
  return {
    closedTrades: closed.length,
    openTrades: trades.length - closed.length,
    wins: winners.length,
    losses: losers.length,
    breakeven: closed.length - winners.length - losers.length,
    winRate: closed.length === 0 ? null : winners.length / closed.length,
    grossProfit,
    grossLoss,
    profitFactor: ratioOf(grossProfit, abs(grossLoss)),
    expectancy: mean(nets),
    expectancyR: mean(rs),
    rTrades: rs.length,
    averageWin,
    averageLoss,
    payoffRatio: averageWin === null || averageLoss === null ? null : averageWin / -averageLoss,
    largestWin: winners.length === 0 ? null : sum([byNet[byNet.length - 1] ?? '0']),
    largestLoss: losers.length === 0 ? null : sum([byNet[0] ?? '0']),
    netPnl: sum(nets),
    grossPnl: sum(closed.map((t) => t.grossPnl)),
    fees,
    commissionShare: ratioOf(fees, sum(closed.map((t) => t.grossPnl).filter((g) => sign(g) > 0))),
    maxDrawdown: drawdownOf(closed, options),
    tradingDays: daily.length,
    sharpe,
    sortino,
    longestWinStreak: run.win,
    longestLossStreak: run.loss,
    averageHoldWinnersMs: hold(winners),
    averageHoldLosersMs: hold(losers),
  };
}

function histogramOf(closed: Closed[]): RBin[] {
  const edges = Array.from({ length: 13 }, (_, i) => -3 + i * 0.5);
  const bins: RBin[] = [
    { from: null, to: -3, trades: 0 },
    ...edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1] ?? null, trades: 0 })),
    { from: 3, to: null, trades: 0 },
  ];
  for (const t of closed) {
    if (t.rMultiple === null) continue;
    const r = t.rMultiple;
    const bin = bins.find(
      (b) => (b.from === null || compare(r, String(b.from)) >= 0) && (b.to === null || compare(r, String(b.to)) < 0),
    );
    if (bin) bin.trades++;
  }
  return bins;
}

/** computeStats, the slow and obvious way. */
export function naiveStats(trades: readonly StatsTrade[], options: StatsOptions): JournalStats {
  const tz = options.timeZone;
  const closed: Closed[] = trades
    .filter((t) => t.status === 'closed')
    .map((t) => {
      const close = t.closedAt ?? t.openedAt;
      return { ...t, close, open: localOf(t.openedAt, tz), closeLocal: localOf(close, tz) };
    })
    .sort((a, b) => a.close - b.close || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let cum = '0';
  let peak = '0';
  const equity: number[] = [];
  const drawdown: number[] = [];
  for (const t of closed) {
    cum = add(cum, t.netPnl);
    if (compare(cum, peak) > 0) peak = cum;
    equity.push(Number(cum));
    drawdown.push(Number(sub(cum, peak)));
  }
  const holdings: HoldingBucket[] = ['<1m', '1m-5m', '5m-15m', '15m-1h', '1h-4h', '4h-1d', '>=1d'];
  const sides: TradeSide[] = ['long', 'short'];
  return {
    summary: summaryOf(trades, closed, options),
    breakdowns: {
      playbook: groupBy(closed, (t) => [t.playbookId], sortedKeys(closed.map((t) => t.playbookId))),
      tag: groupBy(
        closed,
        (t) => (t.tagIds.length === 0 ? [null] : t.tagIds),
        sortedKeys(closed.flatMap((t): (string | null)[] => (t.tagIds.length === 0 ? [null] : t.tagIds))),
      ),
      symbol: groupBy(closed, (t) => [t.symbol], sortedKeys(closed.map((t) => t.symbol))),
      side: groupBy(closed, (t) => [t.side], sides),
      weekday: groupBy(closed, (t) => [t.open.weekday], [1, 2, 3, 4, 5, 6, 7]),
      hour: groupBy(
        closed,
        (t) => [t.open.hour],
        Array.from({ length: 24 }, (_, h) => h),
      ),
      holdingTime: groupBy(closed, (t) => [holdingOf(t.close - t.openedAt)], holdings),
      month: groupBy(closed, (t) => [t.closeLocal.month], sortedKeys(closed.map((t) => t.closeLocal.month))),
    },
    series: {
      equity: { tradeIds: closed.map((t) => t.id), closedAt: closed.map((t) => t.close), equity, drawdown },
      daily: dailyOf(closed),
      rHistogram: histogramOf(closed),
    },
  };
}
