import { formatDecimal, isDecimal } from '../money';
import type { Decimal } from '../types';

/**
 * Scaled-integer decimals for the engine's hot loop: 12.50 is 125n at scale 1.
 * big.js allocates an object and a digit array per operation: grouping 100k fills with it
 * took 500-850 ms, mostly in the garbage collector, against ~150 ms with exact BigInt sums.
 * money.ts (big.js) stays the general-purpose API; the engine's tests check the two agree.
 */

/** A decimal as an integer number of 10^-scale units. */
export type Scaled = { units: bigint; scale: number };

const POWERS: bigint[] = [1n];

/** 10^n as a bigint (cached; n ≥ 0). */
export function pow10(n: number): bigint {
  for (let i = POWERS.length; i <= n; i++) POWERS.push((POWERS[i - 1] ?? 1n) * 10n);
  return POWERS[n] ?? 10n ** BigInt(n);
}

/** Reads a decimal string; throws when it is not one. */
export function parseScaled(text: string): Scaled {
  const canonical = canonicalDecimal(text);
  if (canonical === null) throw new Error(`Not a decimal number: "${text}"`);
  const scale = scaleOf(canonical);
  return { units: toUnits(canonical, scale), scale };
}

/** Digits after the point once trailing zeros are dropped, for a plain decimal ("1.250" → 2). */
export function scaleOf(text: string): number {
  const dot = text.indexOf('.');
  if (dot < 0) return 0;
  let end = text.length;
  while (end > dot + 1 && text.charCodeAt(end - 1) === 48) end--;
  return end - dot - 1;
}

const ZEROS: string[] = [''];

function zeros(n: number): string {
  for (let i = ZEROS.length; i <= n; i++) ZEROS.push('0'.repeat(i));
  return ZEROS[n] ?? '0'.repeat(n);
}

/**
 * A plain decimal (no exponent) as integer units at `scale`, which must be ≥ scaleOf(text).
 * Runs three times per fill, so it builds one digit string and one BigInt and nothing else.
 */
export function toUnits(text: string, scale: number): bigint {
  const dot = text.indexOf('.');
  if (dot < 0) return scale === 0 ? BigInt(text) : BigInt(text + zeros(scale));
  // Digits past `scale` are trailing zeros (scale ≥ scaleOf), so cutting them is exact;
  // BigInt itself reads the sign and leading zeros ("-0005" → -5n).
  const fractionEnd = Math.min(text.length, dot + 1 + scale);
  const whole = text.slice(0, dot);
  const digits = whole + text.slice(dot + 1, fractionEnd) + zeros(scale - (fractionEnd - dot - 1));
  return BigInt(digits === '-' || digits === '' ? '0' : digits);
}

const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/**
 * A decimal string toUnits can read as it is (no exponent: "007.50", ".5" are fine), or null
 * when it is not a decimal. Saves building a canonical copy of every price.
 */
export function plainDecimal(text: string): Decimal | null {
  if (!isDecimal(text)) return null;
  return text.includes('e') || text.includes('E') ? formatDecimal(text) : text;
}

/**
 * The canonical form of a decimal string, or null when it is not one. Plain numbers skip
 * big.js ("2.50" → "2.5", "-0.0" → "0"): brokers pad numbers with zeros on most rows.
 */
export function canonicalDecimal(text: string): Decimal | null {
  if (CANONICAL.test(text)) return text === '-0' ? '0' : text;
  if (!isDecimal(text)) return null;
  if (text.includes('e') || text.includes('E')) return formatDecimal(text);
  const negative = text.charCodeAt(0) === 45;
  const dot = text.indexOf('.');
  const wholeEnd = dot < 0 ? text.length : dot;
  let start = negative ? 1 : 0;
  while (start < wholeEnd - 1 && text.charCodeAt(start) === 48) start++;
  const whole = start < wholeEnd ? text.slice(start, wholeEnd) : '0';
  let end = text.length;
  if (dot >= 0) while (end > dot + 1 && text.charCodeAt(end - 1) === 48) end--;
  const body = dot >= 0 && end > dot + 1 ? `${whole}.${text.slice(dot + 1, end)}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

/** Re-expresses units at a larger (or equal) scale. */
export function rescale(units: bigint, from: number, to: number): bigint {
  return to === from ? units : units * pow10(to - from);
}

/** The canonical decimal string, as money.formatDecimal writes it ("-58.5", "0", "1234.56"). */
export function formatScaled(units: bigint, scale: number): Decimal {
  if (units === 0n) return '0';
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    const cut = digits.length - scale;
    let end = digits.length;
    while (end > cut && digits.charCodeAt(end - 1) === 48) end--;
    digits = end === cut ? digits.slice(0, cut) : `${digits.slice(0, cut)}.${digits.slice(cut, end)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** num ÷ den rounded to the nearest integer, halves away from zero (big.js ROUND_HALF_UP). */
export function divRound(num: bigint, den: bigint): bigint {
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  // floor(n/d + 1/2) on the magnitudes; the sign goes back on afterwards.
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** (a at scale sa) ÷ (b at scale sb), rounded half up to `dp` places, as a decimal string. */
export function divScaled(a: bigint, sa: number, b: bigint, sb: number, dp: number): Decimal {
  // a/10^sa ÷ b/10^sb = a·10^sb / (b·10^sa); multiply by 10^dp to keep dp places.
  return formatScaled(divRound(a * pow10(sb + dp), b * pow10(sa)), dp);
}
