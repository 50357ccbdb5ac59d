import type { TradeSide } from '../types';
import { bucketsOf, compareIds, rollUp, totalsOf } from './aggregate';
import { closeOrder } from './close-order';
import { readColumns, type Columns } from './columns';
import { maxDrawdown } from './drawdown';
import { equityCurve } from './equity';
import { CROSS_PARENTS, HOLDING_BUCKETS, timeKeys } from './keys';
import { sharpe, sortino } from './ratios';
import { Scratch } from './scratch';
import { dailySeries, rHistogram } from './series';
import { summarize } from './summary';
import { zoneClock } from './time-zone';
import type { JournalStats, StatsOptions, StatsTrade, Weekday } from './types';

// Working bytes per trade: times and ids (2 × f64 + 4 × i32), money and R (4 × f64), tag pairs
// (2 × 2 × i32), outcomes (i8), close order (4 × i32), time keys (2 × i32 + f64), plus slack.
const SCRATCH_BYTES_PER_TRADE = 32 + 32 + 16 + 1 + 16 + 16 + 7;
const SCRATCH = new Scratch();

const compareText = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);
const same = <K>(key: K): K => key;
const SIDES: readonly TradeSide[] = ['long', 'short'];
const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const HOURS: readonly number[] = Array.from({ length: 24 }, (_, h) => h);

/**
 * Every dashboard figure for a set of trades (already filtered). Closed trades make the P&L
 * figures, in close order (closedAt, then id); open trades are only counted. Trades passed
 * in that order skip a sort. Throws on a malformed decimal or an unknown time zone.
 */
export function computeStats(trades: readonly StatsTrade[], options: StatsOptions): JournalStats {
  return statsOfColumns((scratch) => readColumns(trades, scratch), trades.length, options);
}

/**
 * Every dashboard figure for the closed trades `read` puts in columns (from trade objects, or
 * picked from columns read before: PreparedStats). `size` bounds the trades read, for the
 * working space. Buckets no trade falls in are left out of the playbook, tag and symbol
 * breakdowns (picked columns keep every key of the journal they were picked from).
 */
export function statsOfColumns(read: (scratch: Scratch) => Columns, size: number, options: StatsOptions): JournalStats {
  const clock = zoneClock(options.timeZone);
  SCRATCH.begin(size * SCRATCH_BYTES_PER_TRADE);
  const columns = read(SCRATCH);
  const { money } = columns;
  const { scale } = money;
  const order = closeOrder(columns.closedAt, columns.ids, SCRATCH);
  const keys = timeKeys(columns.openedAt, columns.closedAt, columns.side, clock, SCRATCH);
  const { series: equity, deepest } = equityCurve(money, order, columns.ids, columns.closedAt);
  const [playbook, tag, symbol, cross, day] = totalsOf(
    [columns.playbook, columns.tag, columns.symbol, keys.cross, keys.day],
    columns,
    money,
  );
  const days = dailySeries(keys.day.keys, day, scale);
  const startAt = columns.openedAt[order[0] ?? 0] ?? 0;
  const summary = summarize(money, columns, keys.holdMs, order, {
    openTrades: columns.openTrades,
    tradingDays: days.daily.length,
    sharpe: sharpe(days.values, days.equal),
    sortino: sortino(days.values),
    maxDrawdown: maxDrawdown(deepest, scale, equity.closedAt, clock, startAt, options.initialEquity),
  });
  const within = (parent: Int32Array, size: number) => rollUp(cross, parent, size);
  return {
    summary,
    breakdowns: {
      playbook: bucketsOf(columns.playbook.keys, playbook, scale, same, compareIds, true),
      tag: bucketsOf(columns.tag.keys, tag, scale, same, compareIds, true),
      symbol: bucketsOf(columns.symbol.keys, symbol, scale, same, compareText, true),
      side: bucketsOf(SIDES, within(CROSS_PARENTS.side, 2), scale, same, null),
      weekday: bucketsOf(WEEKDAYS, within(CROSS_PARENTS.weekday, 7), scale, same, null),
      hour: bucketsOf(HOURS, within(CROSS_PARENTS.hour, 24), scale, same, null),
      holdingTime: bucketsOf(HOLDING_BUCKETS, within(CROSS_PARENTS.holdingTime, 7), scale, same, null),
      month: bucketsOf(keys.months, rollUp(day, keys.dayMonth, keys.months.length), scale, same, compareText),
    },
    series: { equity, daily: days.daily, rHistogram: rHistogram(columns) },
  };
}
