import { unitsToNumber, type MoneyColumns } from './money-columns';
import type { EquitySeries } from './types';

/**
 * The deepest drawdown of the curve, as indices into the close order: `peak` −1 is the start
 * (equity 0 before the first trade); `recovered` −1 means not back at the peak yet.
 */
export type DeepestDrawdown = {
  amount: number | bigint;
  /** Cumulative P&L at the peak. */
  peakEquity: number | bigint;
  peak: number;
  trough: number;
  recovered: number;
};

/** The equity curve, its drawdown series and the deepest drawdown; `order` lists positions in close order. */
export function equityCurve(
  money: MoneyColumns,
  order: Int32Array,
  ids: readonly string[],
  closedAt: Float64Array,
): { series: EquitySeries; deepest: DeepestDrawdown } {
  const n = order.length;
  const tradeIds = new Array<string>(n);
  const times = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const k = order[i] ?? 0;
    tradeIds[i] = ids[k] ?? '';
    times[i] = closedAt[k] ?? 0;
  }
  const equity = new Array<number>(n);
  const drawdown = new Array<number>(n);
  const deepest =
    money.kind === 'number' ? walkNumbers(money, order, equity, drawdown) : walkBigInts(money, order, equity, drawdown);
  return { series: { tradeIds, closedAt: times, equity, drawdown }, deepest };
}

// The two walks are the same algorithm over number and bigint units; TypeScript has no
// arithmetic over `number | bigint`, and a shared generic would cost the fast path its speed.

function walkNumbers(
  money: Extract<MoneyColumns, { kind: 'number' }>,
  order: Int32Array,
  equity: number[],
  drawdown: number[],
): DeepestDrawdown {
  const { net, scale } = money;
  const unit = 10 ** scale;
  const deepest: DeepestDrawdown = { amount: 0, peakEquity: 0, peak: -1, trough: -1, recovered: -1 };
  let maxAmount = 0;
  let cum = 0;
  let peak = 0;
  let peakAt = -1;
  let deepestOpen = false;
  for (let i = 0; i < order.length; i++) {
    cum += net[order[i] ?? 0] ?? 0;
    // One division of exact integers: the double nearest the exact decimal, no drift.
    equity[i] = cum / unit;
    if (cum >= peak) {
      // Back at (or above) the high: this ends the deepest episode if it is the current one.
      if (deepestOpen) deepest.recovered = i;
      deepestOpen = false;
      peak = cum;
      peakAt = i;
      drawdown[i] = 0;
      continue;
    }
    drawdown[i] = (cum - peak) / unit;
    if (peak - cum > maxAmount) {
      maxAmount = peak - cum;
      deepest.peakEquity = peak;
      deepest.peak = peakAt;
      deepest.trough = i;
      deepest.recovered = -1;
      deepestOpen = true;
    }
  }
  deepest.amount = maxAmount;
  return deepest;
}

function walkBigInts(
  money: Extract<MoneyColumns, { kind: 'bigint' }>,
  order: Int32Array,
  equity: number[],
  drawdown: number[],
): DeepestDrawdown {
  const { net, scale } = money;
  const deepest: DeepestDrawdown = { amount: 0n, peakEquity: 0n, peak: -1, trough: -1, recovered: -1 };
  let maxAmount = 0n;
  let cum = 0n;
  let peak = 0n;
  let peakAt = -1;
  let deepestOpen = false;
  for (let i = 0; i < order.length; i++) {
    cum += net[order[i] ?? 0] ?? 0n;
    equity[i] = unitsToNumber(cum, scale);
    if (cum >= peak) {
      if (deepestOpen) deepest.recovered = i;
      deepestOpen = false;
      peak = cum;
      peakAt = i;
      drawdown[i] = 0;
      continue;
    }
    drawdown[i] = unitsToNumber(cum - peak, scale);
    if (peak - cum > maxAmount) {
      maxAmount = peak - cum;
      deepest.peakEquity = peak;
      deepest.peak = peakAt;
      deepest.trough = i;
      deepest.recovered = -1;
      deepestOpen = true;
    }
  }
  deepest.amount = maxAmount;
  return deepest;
}
