import { canonicalDecimal, formatScaled, scaleOf, toUnits } from '../pnl/fixed';
import type { Decimal } from '../types';
import type { Scratch } from './scratch';

/**
 * Money of the closed trades as integers of 10^-scale, one column per field, at the largest
 * scale any value has. Numbers when every sum stays exact (Σ|x| ≤ 2^53: then every partial
 * sum of a column is an exact double), else BigInts. Number sums are ~20× faster than
 * BigInt ones; the BigInt path keeps crypto journals with 10+ decimal places exact.
 */
export type MoneyColumns =
  | { kind: 'number'; scale: number; net: Float64Array; gross: Float64Array; fees: Float64Array }
  | { kind: 'bigint'; scale: number; net: bigint[]; gross: bigint[]; fees: bigint[] };

/** The fields read, in the order of `rows`. */
export type MoneyRow = { netPnl: Decimal; grossPnl: Decimal; fees: Decimal };

// Written by readPlain so the hot loop returns one number and allocates nothing.
let lastScale = 0;

/**
 * Digits of a plain decimal ("-12.50") as an integer (−1250) with `lastScale` set to the
 * digits after the point (2); NaN when the text is not plain or has more than 15 digits.
 */
function readPlain(text: string): number {
  const length = text.length;
  const negative = text.charCodeAt(0) === 45;
  let units = 0;
  let dot = -1;
  for (let i = negative ? 1 : 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >= 0 && digit <= 9) units = units * 10 + digit;
    else if (digit === -2 && dot < 0) dot = i;
    else return Number.NaN;
  }
  // A bare "", "-", "." or "-." is no number. Up to 15 characters hold at most 15 digits;
  // longer texts may still be short numbers padded with zeros ("00012.5000000000").
  const digits = length - (negative ? 1 : 0) - (dot < 0 ? 0 : 1);
  if (digits === 0 || (length > 15 && units > 999_999_999_999_999)) return Number.NaN;
  lastScale = dot < 0 ? 0 : length - dot - 1;
  return negative ? -units : units;
}

const NUMBER_POWERS: number[] = Array.from({ length: 16 }, (_, n) => 10 ** n);

/**
 * One decimal field of every row as integers at the largest scale seen so far, read as rows
 * stream past (each trade object is touched once: at 100k trades, walking the objects again
 * costs more in cache misses than the arithmetic does). A value with more places than any
 * before it rescales the rows already read, which happens a handful of times at most.
 */
export class PlainColumn {
  readonly values: Float64Array;
  /** Places of every value stored so far. */
  scale = 0;
  /** False once a value is not plain or has more than 15 digits. */
  ok = true;
  // Σ|x| at the current scale: past 2^53, partial sums stop being exact doubles.
  private sumAbs = 0;

  constructor(scratch: Scratch, capacity: number) {
    this.values = scratch.f64(capacity);
  }

  /** Reads row k (rows come in order); returns `ok`. */
  read(k: number, text: string): boolean {
    let units = readPlain(text);
    if (units !== units) {
      this.ok = false;
      return false;
    }
    if (lastScale > this.scale) this.widen(k, lastScale);
    else if (lastScale < this.scale) units *= NUMBER_POWERS[this.scale - lastScale] ?? 1;
    this.values[k] = units;
    this.sumAbs += units < 0 ? -units : units;
    return true;
  }

  /** Marks row k as missing (NaN). */
  skip(k: number): void {
    this.values[k] = Number.NaN;
  }

  /** The first n values at `scale` (≥ this.scale), NaN kept; null when not exact as doubles. */
  rescaled(n: number, scale: number): Float64Array | null {
    if (!this.ok || scale >= NUMBER_POWERS.length) return null;
    if (scale > this.scale) this.widen(n, scale);
    // A float sum of non-negative integers passes 2^53 exactly when the true sum does.
    return this.sumAbs <= Number.MAX_SAFE_INTEGER ? this.values.subarray(0, n) : null;
  }

  /** Brings rows before k to `scale` places. */
  private widen(k: number, scale: number): void {
    const factor = NUMBER_POWERS[scale - this.scale] ?? Number.POSITIVE_INFINITY;
    for (let i = 0; i < k; i++) this.values[i] = (this.values[i] ?? 0) * factor;
    this.sumAbs *= factor;
    this.scale = scale;
  }
}

/** Number money columns from the three fields' plain columns, or null when BigInts are needed. */
export function plainMoney(net: PlainColumn, gross: PlainColumn, fees: PlainColumn, n: number): MoneyColumns | null {
  // Rescaling works in place, so a column that fails leaves the others unusable: BigInts then.
  const scale = Math.max(net.scale, gross.scale, fees.scale);
  const netUnits = net.rescaled(n, scale);
  const grossUnits = netUnits && gross.rescaled(n, scale);
  const feeUnits = grossUnits && fees.rescaled(n, scale);
  if (netUnits === null || grossUnits === null || feeUnits === null) return null;
  return { kind: 'number', scale, net: netUnits, gross: grossUnits, fees: feeUnits };
}

/** Money of `rows` (trade positions) as BigInt columns: any decimal, any size. */
export function readBigColumns(trades: readonly MoneyRow[], rows: Int32Array): MoneyColumns {
  const texts: { net: string[]; gross: string[]; fees: string[] } = { net: [], gross: [], fees: [] };
  let scale = 0;
  const put = (into: string[], text: string) => {
    const canonical = canonicalDecimal(text);
    if (canonical === null) throw new Error(`Not a decimal number: "${text}"`);
    into.push(canonical);
    scale = Math.max(scale, scaleOf(canonical));
  };
  for (const row of rows) {
    const t = trades[row];
    if (t === undefined) continue;
    put(texts.net, t.netPnl);
    put(texts.gross, t.grossPnl);
    put(texts.fees, t.fees);
  }
  const units = (column: string[]) => column.map((text) => toUnits(text, scale));
  return { kind: 'bigint', scale, net: units(texts.net), gross: units(texts.gross), fees: units(texts.fees) };
}

/** ".5", ".05", "" for the fraction part at `scale`, trailing zeros dropped. */
function fractionText(fraction: number, scale: number): string {
  if (fraction === 0) return '';
  const digits = String(fraction).padStart(scale, '0');
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) end--;
  return `.${digits.slice(0, end)}`;
}

/** Units as the canonical decimal ("-58.5", "0"), as formatDecimal writes it. */
export function formatUnits(units: number | bigint, scale: number): Decimal {
  if (typeof units === 'bigint') return formatScaled(units, scale);
  if (units === 0) return '0';
  const magnitude = units < 0 ? -units : units;
  const power = NUMBER_POWERS[scale] ?? 1;
  const whole = Math.floor(magnitude / power);
  // Both parts are exact integers: magnitude < 2^53 and whole × power ≤ magnitude.
  const text = `${whole}${fractionText(magnitude - whole * power, scale)}`;
  return units < 0 ? `-${text}` : text;
}

const EXACT_BIGINT = 2n ** 53n;

/**
 * Units as a float in money (for averages and ratios), rounded once: the double nearest the
 * decimal value. Units up to 2^53 are exact doubles and IEEE division rounds once. Larger
 * BigInts would round twice (to a double, then in the division) and could land an ulp away
 * from the same amount read at a smaller scale, e.g. 20276022429901.004 for 20276022429901
 * in a column widened to 12 places; they are read through their decimal text instead.
 */
export function unitsToNumber(units: number | bigint, scale: number): number {
  if (typeof units === 'bigint' && (units > EXACT_BIGINT || units < -EXACT_BIGINT)) {
    return Number(formatScaled(units, scale));
  }
  return Number(units) / (NUMBER_POWERS[scale] ?? 10 ** scale);
}
