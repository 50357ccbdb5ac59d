import { divRound, pow10 } from './fixed';

/**
 * Splits a fee (integer units at scale `feeScale`) between the part of a fill that closes a
 * trade and the part that opens the next, pro rata by quantity. The first piece is rounded
 * half up to `dp` places (the fee's own precision, at least cents; dp ≤ feeScale) and the
 * second takes the remainder, so the two always add up to the fee exactly.
 */
export function splitFeeProRata(
  fee: bigint,
  feeScale: number,
  dp: number,
  firstQty: bigint,
  totalQty: bigint,
): [bigint, bigint] {
  const step = pow10(feeScale - dp);
  // Round in units of 10^-dp, then return to the fee's scale.
  const first = divRound(fee * firstQty, totalQty * step) * step;
  return [first, fee - first];
}
