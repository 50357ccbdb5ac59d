import { DIV_DP } from '../money';
import type { AssetClass, Decimal } from '../types';
import type { Fill, Scales } from './fills';
import { divScaled, formatScaled, rescale, type Scaled } from './fixed';
import { NO_CONVERSION } from './fx';
import type { EngineTrade, TradeLeg } from './types';

/** What every trade of one (account, symbol) shares. */
export type GroupContext = {
  accountId: string;
  symbol: string;
  assetClass: AssetClass;
  currency: string;
  scales: Scales;
  /** The instrument multiplier as integer units at `multiplierScale`. */
  multiplier: bigint;
  multiplierScale: number;
  multiplierText: Decimal;
  /** Currency → base rate; null when missing, NO_CONVERSION when not asked for. */
  rate: Scaled | typeof NO_CONVERSION | null;
  /** The group's fills in time order; a trade's fills are a contiguous run of it. */
  fills: readonly Fill[];
};

/**
 * A trade being built while its fills are walked in time order. Quantities are integers at
 * scales.qty, values (quantity × price) at scales.qty + scales.price, fees at scales.fee.
 */
export type TradeBuilder = {
  id: string;
  /** +1 long, −1 short. */
  dir: 1 | -1;
  openedAt: number;
  lastAt: number;
  /** Absolute size still held. */
  position: bigint;
  maxPosition: bigint;
  /** Σ quantity × price of opening fills. */
  openValue: bigint;
  closeQty: bigint;
  closeValue: bigint;
  fees: bigint;
  /** Index in GroupContext.fills of the fill that opened the trade (to walk FIFO lots later). */
  firstFill: number;
  /** How much of that fill opened the trade: all of it, or the remainder of a reversal. */
  firstOpenQty: bigint;
  legs: TradeLeg[];
};

/** Starts a trade with `qty` of `fill` (all of it, or what is left after a reversal). */
export function startTrade(
  id: string,
  index: number,
  fill: Fill,
  qty: bigint,
  qtyText: Decimal,
  fee: bigint,
  feeText: Decimal,
): TradeBuilder {
  return {
    id,
    dir: fill.dir,
    openedAt: fill.exec.executedAt,
    lastAt: fill.exec.executedAt,
    position: qty,
    maxPosition: qty,
    openValue: qty * fill.p,
    closeQty: 0n,
    closeValue: 0n,
    fees: fee,
    firstFill: index,
    firstOpenQty: qty,
    legs: [{ executionId: fill.exec.id, quantity: qtyText, fee: feeText, role: 'open' }],
  };
}

/** Adds to the position (scale-in or another partial fill of the entry). */
export function addOpen(t: TradeBuilder, fill: Fill): void {
  t.position += fill.q;
  if (t.position > t.maxPosition) t.maxPosition = t.position;
  t.openValue += fill.q * fill.p;
  t.fees += fill.f;
  t.lastAt = fill.exec.executedAt;
  t.legs.push({ executionId: fill.exec.id, quantity: fill.qtyText, fee: fill.feeText, role: 'open' });
}

/** Reduces the position by `qty` (≤ position) of `fill`. */
export function addClose(
  t: TradeBuilder,
  fill: Fill,
  qty: bigint,
  qtyText: Decimal,
  fee: bigint,
  feeText: Decimal,
): void {
  t.position -= qty;
  t.closeQty += qty;
  t.closeValue += qty * fill.p;
  t.fees += fee;
  t.lastAt = fill.exec.executedAt;
  t.legs.push({ executionId: fill.exec.id, quantity: qtyText, fee: feeText, role: 'close' });
}

/**
 * Cost of the first `qty` opened units: what FIFO matches against the exits so far.
 * Only a trade still open at the end needs it, so the lots are not kept while walking: the
 * trade's opening fills are the same-direction fills from its first fill onwards.
 */
function fifoCost(t: TradeBuilder, fills: readonly Fill[], qty: bigint): bigint {
  let left = qty;
  let cost = 0n;
  for (let i = t.firstFill; i < fills.length && left > 0n; i++) {
    const lot = fills[i];
    if (!lot || lot.dir !== t.dir) continue;
    const lotQty = i === t.firstFill ? t.firstOpenQty : lot.q;
    const take = lotQty < left ? lotQty : left;
    cost += take * lot.p;
    left -= take;
  }
  return cost;
}

/** Average price (value ÷ quantity): exact when it divides, else rounded to DIV_DP places. */
function averagePrice(value: bigint, qty: bigint, scales: Scales): Decimal {
  // value is at scale qty+price and qty at scale qty, so the quotient is in price units.
  if (value % qty === 0n) return formatScaled(value / qty, scales.price);
  return divScaled(value, scales.qty + scales.price, qty, scales.qty, DIV_DP);
}

/** Turns a builder into the trade the journal stores. */
export function finishTrade(t: TradeBuilder, ctx: GroupContext): EngineTrade {
  const { scales } = ctx;
  const closed = t.position === 0n;
  // A closed trade has exited everything it opened, so realized P&L is proceeds − costs
  // whatever the matching order; only a still open trade needs the FIFO walk.
  const matchedCost = closed ? t.openValue : fifoCost(t, ctx.fills, t.closeQty);
  const points = t.dir === 1 ? t.closeValue - matchedCost : matchedCost - t.closeValue;
  const valueScale = scales.qty + scales.price;
  const grossScale = valueScale + ctx.multiplierScale;
  const netScale = Math.max(grossScale, scales.fee);
  const gross = rescale(points * ctx.multiplier, grossScale, netScale);
  const net = gross - rescale(t.fees, scales.fee, netScale);
  const { rate } = ctx;
  const netBase =
    rate === null || rate === NO_CONVERSION ? null : formatScaled(net * rate.units, netScale + rate.scale);
  return {
    id: t.id,
    accountId: ctx.accountId,
    symbol: ctx.symbol,
    assetClass: ctx.assetClass,
    side: t.dir === 1 ? 'long' : 'short',
    status: closed ? 'closed' : 'open',
    openedAt: t.openedAt,
    closedAt: closed ? t.lastAt : null,
    holdingMs: closed ? t.lastAt - t.openedAt : null,
    quantity: formatScaled(t.maxPosition, scales.qty),
    // Everything opened was either closed or is still held.
    entryPrice: averagePrice(t.openValue, t.closeQty + t.position, scales),
    exitPrice: t.closeQty === 0n ? null : averagePrice(t.closeValue, t.closeQty, scales),
    grossPnl: formatScaled(gross, netScale),
    fees: formatScaled(t.fees, scales.fee),
    netPnl: formatScaled(net, netScale),
    netPnlBase: netBase,
    currency: ctx.currency,
    multiplier: ctx.multiplierText,
    legs: t.legs,
  };
}
