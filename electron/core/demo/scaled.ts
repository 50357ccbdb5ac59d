import { formatScaled as formatUnits } from '../../../shared/domain/pnl/fixed';

/** Format an integer count of 10^-decimals units as a canonical decimal string ("-58.5", "12"). */
export function formatScaled(units: number, decimals: number): string {
  if (!Number.isSafeInteger(units)) throw new Error(`Not a safe integer: ${units}`);
  return formatUnits(BigInt(units), decimals);
}

/** A tick size such as "0.25" as an integer step over a power of ten: {step: 25, decimals: 2}. */
export function tickScale(tick: string): { step: number; decimals: number } {
  const [, fraction = ''] = tick.split('.');
  const decimals = fraction.length;
  return { step: Math.round(Number(tick) * 10 ** decimals), decimals };
}
