import type { AssetClass, Decimal } from '../types';
import { canonicalDecimal, plainDecimal, scaleOf, toUnits } from './fixed';
import type { EngineExecution } from './types';

/** An execution with its numbers read once, so the matching loop never re-reads strings. */
export type Fill = {
  exec: EngineExecution;
  /** +1 for a buy, −1 for a sell. */
  dir: 1 | -1;
  /** Quantity and fee in canonical form (they appear in legs); price as plainDecimal gives it. */
  qtyText: Decimal;
  priceText: Decimal;
  feeText: Decimal;
  qtyScale: number;
  priceScale: number;
  feeScale: number;
  /** Quantity, price and fee as integers at the group's common scales (set by alignFills). */
  q: bigint;
  p: bigint;
  f: bigint;
};

/** The common scales of one group: quantities, prices, fees. */
export type Scales = { qty: number; price: number; fee: number };

const ASSET_CLASSES: ReadonlySet<string> = new Set<AssetClass>(['stock', 'future', 'option', 'crypto', 'forex']);

/** Parses one execution, or says in words why it cannot be used. */
export function parseFill(exec: EngineExecution): Fill | string {
  const { side, quantity, price, fee } = exec;
  // Rows can come from storage or older builds, so the types alone are not trusted here.
  if (side !== 'buy' && side !== 'sell') return `side must be buy or sell, not "${String(side)}"`;
  if (!ASSET_CLASSES.has(exec.assetClass)) return `unknown asset class "${String(exec.assetClass)}"`;
  const qtyText = canonicalDecimal(quantity);
  const priceText = plainDecimal(price);
  const feeText = canonicalDecimal(fee);
  if (qtyText === null) return `quantity "${quantity}" is not a decimal number`;
  if (priceText === null) return `price "${price}" is not a decimal number`;
  if (feeText === null) return `fee "${fee}" is not a decimal number`;
  // A signed or zero quantity means the parser lost the side; guessing would corrupt positions.
  if (qtyText.startsWith('-') || qtyText === '0') return `quantity must be positive, not ${quantity}`;
  return {
    exec,
    dir: side === 'buy' ? 1 : -1,
    qtyText,
    priceText,
    feeText,
    qtyScale: scaleOf(qtyText),
    priceScale: scaleOf(priceText),
    feeScale: scaleOf(feeText),
    q: 0n,
    p: 0n,
    f: 0n,
  };
}

/**
 * Brings a group's numbers to common scales so sums are plain integer additions.
 * Fees get at least 2 places so a pro-rata split can always be written in cents.
 */
export function alignFills(fills: readonly Fill[]): Scales {
  let qty = 0;
  let price = 0;
  let fee = 2;
  for (const f of fills) {
    if (f.qtyScale > qty) qty = f.qtyScale;
    if (f.priceScale > price) price = f.priceScale;
    if (f.feeScale > fee) fee = f.feeScale;
  }
  // Quantities, fees and tick-aligned prices repeat row after row; reading each distinct string
  // once saves most of the BigInt parsing and the garbage it leaves.
  const qtyUnits = unitsReader(qty);
  const priceUnits = unitsReader(price);
  const feeUnits = unitsReader(fee);
  for (const f of fills) {
    f.q = qtyUnits(f.qtyText);
    f.p = priceUnits(f.priceText);
    f.f = feeUnits(f.feeText);
  }
  return { qty, price, fee };
}

function unitsReader(scale: number): (text: string) => bigint {
  const cache = new Map<string, bigint>();
  return (text) => {
    let units = cache.get(text);
    if (units === undefined) {
      units = toUnits(text, scale);
      cache.set(text, units);
    }
    return units;
  };
}

/** Orders executions by time, then by id, so equal timestamps never depend on input row order. */
export function compareExecutions(a: EngineExecution, b: EngineExecution): number {
  return a.executedAt - b.executedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
