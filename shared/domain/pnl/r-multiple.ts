import { abs, compare, div, isZero, mul, sub, toBig } from '../money';
import type { Decimal, TradeSide } from '../types';

/** Decimal places of an R multiple: plenty for averages, short enough to show. */
export const R_MULTIPLE_DP = 4;

/** What an R multiple needs; risk comes from riskAmount when set, else from the stop. */
export type RMultipleInput = {
  side: TradeSide;
  entryPrice: Decimal;
  stopPrice?: Decimal | null;
  /** Money at risk, in the trade's currency; wins over the stop when both are set. */
  riskAmount?: Decimal | null;
  netPnl: Decimal;
  quantity: Decimal;
  multiplier: Decimal;
};

/**
 * netPnl ÷ risk, where risk = riskAmount, else |entry − stop| × quantity × multiplier.
 * Null when neither is set, when the risk is zero, or when the stop is on the profit side of
 * the entry (a trailed stop says nothing about the risk taken at entry).
 */
export function computeRMultiple(input: RMultipleInput): Decimal | null {
  const risk = riskOf(input);
  if (risk === null || compare(risk, '0') <= 0) return null;
  return div(input.netPnl, risk, R_MULTIPLE_DP);
}

function riskOf({ side, entryPrice, stopPrice, riskAmount, quantity, multiplier }: RMultipleInput): Decimal | null {
  if (riskAmount !== undefined && riskAmount !== null) return riskAmount;
  if (stopPrice === undefined || stopPrice === null) return null;
  const distance = sub(entryPrice, stopPrice);
  // A long's stop sits below entry, a short's above; otherwise there is no initial risk to divide by.
  const wrongSide = side === 'long' ? toBig(distance).s < 0 : toBig(distance).s > 0;
  if (wrongSide || isZero(distance)) return null;
  return mul(mul(abs(distance), quantity), multiplier);
}
