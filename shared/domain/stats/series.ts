import { netIn, tradesIn, type Totals, type TradeFacts } from './aggregate';
import { formatUnits, unitsToNumber } from './money-columns';
import type { DailyPnl, RBin } from './types';

/** Daily P&L for the calendar, and the same days as floats for Sharpe and Sortino. */
export type DailySeries = {
  daily: DailyPnl[];
  /** Net P&L per day in money, in day order. */
  values: Float64Array;
  /** True when every day made exactly the same amount (zero spread, computed exactly). */
  equal: boolean;
};

/** Net P&L and trade count per close day, ascending. */
export function dailySeries(days: readonly string[], totals: Totals, scale: number): DailySeries {
  const order = days.map((_, d) => d).sort((a, b) => ((days[a] ?? '') < (days[b] ?? '') ? -1 : 1));
  const values = new Float64Array(order.length);
  const first = netIn(totals, order[0] ?? 0);
  let equal = true;
  const daily = order.map((d, i): DailyPnl => {
    const net = netIn(totals, d);
    if (net !== first) equal = false;
    values[i] = unitsToNumber(net, scale);
    return { day: days[d] ?? '', netPnl: formatUnits(net, scale), trades: tradesIn(totals, d) };
  });
  return { daily, values, equal };
}

/** Bins: below −3, then 0.5 R wide up to 3, then 3 and above; each includes its lower edge. */
const R_BINS = 14;

/**
 * Counts R multiples into fourteen bins: (−∞, −3), [−3, −2.5), …, [2.5, 3), [3, ∞). A full
 * stop-out (−1 R) lands in [−1, −0.5), a 1 R win in [1, 1.5). The bin is floor(2R + 6) + 1,
 * worked out on R's exact integer units so no float rounding moves a trade across an edge.
 */
export function rHistogram(facts: TradeFacts): RBin[] {
  const counts = new Int32Array(R_BINS);
  const unit = 10 ** facts.rScale;
  for (let k = 0; k < facts.r.length; k++) {
    const units = facts.r[k] ?? Number.NaN;
    if (units !== units) continue;
    const twice = 2 * units + 6 * unit;
    let bin = Math.floor(twice / unit);
    if (bin * unit > twice) bin--;
    const index = bin < 0 ? 0 : bin + 1 >= R_BINS ? R_BINS - 1 : bin + 1;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return Array.from(counts, (trades, i) => ({
    from: i === 0 ? null : -3 + (i - 1) / 2,
    to: i === R_BINS - 1 ? null : -3 + i / 2,
    trades,
  }));
}
