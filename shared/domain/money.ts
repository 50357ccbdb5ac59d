import Big from 'big.js';
import type { Decimal } from './types';

/**
 * Exact decimal arithmetic for money, prices and quantities.
 * Every value is a decimal string or a Big; nothing here goes through a binary float.
 */

/** A decimal string, or a Big a caller already parsed (to avoid parsing twice in a loop). */
export type DecimalLike = Decimal | Big;

/** Decimal places kept by `div` (averages, ratios); enough for prices quoted to 1/256. */
export const DIV_DP = 10;

/** Rounding mode: towards zero (big.js numbering). */
export const ROUND_DOWN = 0;
/** Rounding mode: to nearest, halves away from zero (2.345 → 2.35, −2.345 → −2.35). */
export const ROUND_HALF_UP = 1;
/** Rounding mode: to nearest, halves to the even neighbour (banker's rounding). */
export const ROUND_HALF_EVEN = 2;

/** One of the rounding modes above. */
export type RoundingMode = typeof ROUND_DOWN | typeof ROUND_HALF_UP | typeof ROUND_HALF_EVEN;

// A private constructor so another module changing Big.DP or Big.RM cannot change our results,
// and strict mode so a stray JS number (a float) throws instead of slipping in.
const D = Big();
D.DP = DIV_DP;
D.RM = ROUND_HALF_UP;
D.strict = true;

const DECIMAL_PATTERN = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** True when `value` is a decimal string big.js reads exactly ("12", "-0.5", ".5", "1e-3"). */
export function isDecimal(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

/** Parses a decimal string (or passes a Big through); throws on anything else. */
export function toBig(value: DecimalLike): Big {
  if (typeof value !== 'string') return value;
  if (!DECIMAL_PATTERN.test(value)) throw new Error(`Not a decimal number: "${value}"`);
  return new D(value);
}

/** The canonical string: no exponent, no trailing zeros, no "-0" ("-58.5", "0", "1234.56"). */
export function formatDecimal(value: DecimalLike): Decimal {
  // big.js keeps no trailing zeros and toFixed() without arguments never uses an exponent.
  return toBig(value).toFixed();
}

/** a + b, exactly. */
export function add(a: DecimalLike, b: DecimalLike): Decimal {
  return toBig(a).plus(toBig(b)).toFixed();
}

/** a − b, exactly. */
export function sub(a: DecimalLike, b: DecimalLike): Decimal {
  return toBig(a).minus(toBig(b)).toFixed();
}

/** a × b, exactly. */
export function mul(a: DecimalLike, b: DecimalLike): Decimal {
  return toBig(a).times(toBig(b)).toFixed();
}

/** a ÷ b rounded to `dp` places (default DIV_DP, half up); throws on division by zero. */
export function div(a: DecimalLike, b: DecimalLike, dp: number = DIV_DP, rm: RoundingMode = ROUND_HALF_UP): Decimal {
  const divisor = toBig(b);
  if (divisor.c[0] === 0) throw new Error('Division by zero');
  // big.js rounds a quotient to its constructor's DP/RM; set them for this one call so the
  // result is rounded once (rounding to 10 places and then to `dp` could round twice).
  D.DP = dp;
  D.RM = rm;
  try {
    return new D(toBig(a)).div(divisor).toFixed();
  } finally {
    D.DP = DIV_DP;
    D.RM = ROUND_HALF_UP;
  }
}

/** −a. */
export function neg(a: DecimalLike): Decimal {
  return toBig(a).neg().toFixed();
}

/** |a|. */
export function abs(a: DecimalLike): Decimal {
  return toBig(a).abs().toFixed();
}

/** -1, 0 or 1 as a < b, a = b, a > b. */
export function compare(a: DecimalLike, b: DecimalLike): -1 | 0 | 1 {
  return toBig(a).cmp(toBig(b));
}

/** -1, 0 or 1 for negative, zero, positive. */
export function sign(a: DecimalLike): -1 | 0 | 1 {
  const x = toBig(a);
  // big.js keeps a sign on zero ("-0"), so test for zero first.
  if (x.c[0] === 0) return 0;
  return x.s < 0 ? -1 : 1;
}

/** True when a is zero (including "-0", "0.000"). */
export function isZero(a: DecimalLike): boolean {
  return toBig(a).c[0] === 0;
}

/** Rounds to `dp` decimal places (half up unless told otherwise). */
export function round(a: DecimalLike, dp: number, rm: RoundingMode = ROUND_HALF_UP): Decimal {
  return toBig(a).round(dp, rm).toFixed();
}

/** The exact sum of a list; "0" for an empty list. */
export function sum(values: readonly DecimalLike[]): Decimal {
  let total = new D('0');
  for (const value of values) total = total.plus(toBig(value));
  return total.toFixed();
}

/** The number of digits after the decimal point in the canonical form ("1.250" → 2). */
export function decimalPlaces(a: DecimalLike): number {
  const x = toBig(a);
  return Math.max(0, x.c.length - x.e - 1);
}
