/**
 * Exact decimal text handling for broker files: money and quantities never pass through
 * floating point, so "21539.75" stays "21539.75" and sums of fees are exact.
 */
import type { Decimal } from '../domain/types';

/** A parse outcome: the value, or a message a trader can read. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** How a file writes numbers. Decimal comma files use '.', space or ' as thousands separators. */
export type DecimalStyle = { decimalSeparator?: '.' | ',' };

const CURRENCY_SIGNS = new Set(['$', '€', '£', '¥', '₹', '₩', '₣']);
const MINUS_SIGNS = new Set(['-', '\u2212']);
// Thousands separators besides the "other" punctuation mark: space, no-break and narrow no-break space, apostrophe.
const SPACE_GROUPS = [' ', '\u00a0', '\u202f', "'", '\u2019'];
const CURRENCY_CODE = /^[A-Z]{3}$/;
const PLAIN = /^-?\d+(?:\.\d+)?$/;
// Sums whose digits fit in 15 places are exact in doubles, and far cheaper than BigInt.
const SAFE_DIGITS = 15;

/** Parses money/quantity text ("$1,234.56", "$(58.50)", "1 434.86", "(12)", "+5") to a canonical Decimal. */
export function parseDecimal(text: string, style: DecimalStyle = {}): Parsed<Decimal> {
  const plain = PLAIN.test(text) ? plainCanonical(text) : null;
  if (plain !== null) return { ok: true, value: plain };
  const stripped = stripSignAndCurrency(text);
  if (!stripped.ok) return stripped;
  const { body, negative } = stripped.value;
  const decimalSeparator = style.decimalSeparator ?? '.';
  const number = parseUnsigned(body, decimalSeparator);
  if (number === null) return { ok: false, error: `"${text.trim()}" is not a number` };
  return { ok: true, value: canonical(negative, number.integer, number.fraction) };
}

/** Exact sum of decimals. */
export function addDecimals(...values: readonly Decimal[]): Decimal {
  let scale = 0;
  // Zeros add nothing; fee columns are mostly "0", so they skip the digit work below.
  for (const value of values) if (value !== '0') scale = Math.max(scale, fractionDigits(value));
  const small = addSmall(values, scale);
  if (small !== null) return small;
  let total = 0n;
  for (const value of values) total += toUnits(value, scale);
  return fromUnits(total, scale);
}

/** Exact difference a − b. */
export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
  return addDecimals(a, negateDecimal(b));
}

/** The decimal with its sign flipped ("0" stays "0"). */
export function negateDecimal(value: Decimal): Decimal {
  if (isZeroDecimal(value)) return '0';
  return value.startsWith('-') ? value.slice(1) : `-${value}`;
}

/** The absolute value of a decimal. */
export function absDecimal(value: Decimal): Decimal {
  return value.startsWith('-') ? value.slice(1) : value;
}

/** Exactly half of a decimal (one more fraction digit at most). */
export function halveDecimal(value: Decimal): Decimal {
  const scale = fractionDigits(value) + 1;
  return fromUnits(toUnits(value, scale) / 2n, scale);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const difference = subtractDecimals(a, b);
  return difference === '0' ? 0 : difference.startsWith('-') ? -1 : 1;
}

/** True for "0", "-0", "0.000"... */
export function isZeroDecimal(value: Decimal): boolean {
  return /^-?0*(\.0*)?$/.test(value);
}

// "5", "-12.50", "100285.000000000": trim trailing fraction zeros; leave odd cases (007, -0) to the full path.
function plainCanonical(text: string): Decimal | null {
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  if (text.charCodeAt(start) === 48 && text.length > start + 1 && text.charCodeAt(start + 1) !== 46) return null;
  const point = text.indexOf('.');
  let end = text.length;
  if (point !== -1) {
    while (text.charCodeAt(end - 1) === 48) end--;
    if (end - 1 === point) end--;
  }
  const value = end === text.length ? text : text.slice(0, end);
  return value === '-0' ? '0' : value;
}

function addSmall(values: readonly Decimal[], scale: number): Decimal | null {
  let total = 0;
  for (const value of values) {
    if (value === '0') continue;
    const start = value.charCodeAt(0) === 45 ? 1 : 0;
    const point = value.indexOf('.');
    const integerDigits = (point === -1 ? value.length : point) - start;
    if (integerDigits + scale > SAFE_DIGITS) return null;
    // Both factors are exact integers and so is their product: no rounding can happen.
    const units =
      point === -1
        ? Number(value.slice(start)) * 10 ** scale
        : Number(value.slice(start, point) + value.slice(point + 1)) * 10 ** (scale - (value.length - point - 1));
    total += start === 1 ? -units : units;
    if (!Number.isSafeInteger(total)) return null;
  }
  return fromDigits(total < 0, Math.abs(total).toString(), scale);
}

type Stripped = { body: string; negative: boolean };

// Peels signs, parentheses and currency marks off both ends, in any nesting broker files use.
function stripSignAndCurrency(text: string): Parsed<Stripped> {
  let body = text.trim();
  let negatives = 0;
  let positives = 0;
  for (let changed = true; changed && body.length > 0;) {
    changed = true;
    const first = body.charAt(0);
    const last = body.charAt(body.length - 1);
    if (first === '(' && last === ')') {
      negatives++;
      body = body.slice(1, -1);
    } else if (CURRENCY_SIGNS.has(first)) body = body.slice(1);
    else if (CURRENCY_SIGNS.has(last)) body = body.slice(0, -1);
    else if (MINUS_SIGNS.has(first)) {
      negatives++;
      body = body.slice(1);
    } else if (first === '+') {
      positives++;
      body = body.slice(1);
    } else if (MINUS_SIGNS.has(last) && body.length > 1) {
      negatives++;
      body = body.slice(0, -1);
    } else if (CURRENCY_CODE.test(body.slice(0, 3)) && /\s/.test(body.charAt(3))) body = body.slice(4);
    else if (CURRENCY_CODE.test(body.slice(-3)) && /\s/.test(body.charAt(body.length - 4))) body = body.slice(0, -4);
    else changed = false;
    body = body.trim();
  }
  if (negatives + positives > 1) return { ok: false, error: `"${text.trim()}" has more than one sign` };
  if (body.length === 0)
    return { ok: false, error: text.trim() === '' ? 'empty value' : `"${text.trim()}" is not a number` };
  return { ok: true, value: { body, negative: negatives === 1 } };
}

type Unsigned = { integer: string; fraction: string };

function parseUnsigned(body: string, decimalSeparator: '.' | ','): Unsigned | null {
  const scientific = /^(\d*)(?:\.(\d*))?[eE]([+-]?\d{1,3})$/.exec(body);
  if (scientific && decimalSeparator === '.')
    return shiftScientific(scientific[1] ?? '', scientific[2] ?? '', Number(scientific[3]));
  const point = body.indexOf(decimalSeparator);
  if (point !== body.lastIndexOf(decimalSeparator)) return null;
  const integerText = point === -1 ? body : body.slice(0, point);
  const fraction = point === -1 ? '' : body.slice(point + 1);
  if (!/^\d*$/.test(fraction)) return null;
  const integer = ungroup(integerText, decimalSeparator === '.' ? ',' : '.');
  if (integer === null || integer.length + fraction.length === 0) return null;
  return { integer, fraction };
}

// Accepts "1234" or "1,234,567" (groups of three, one separator kind); rejects "1,5" as ambiguous.
function ungroup(integerText: string, otherMark: string): string | null {
  if (/^\d*$/.test(integerText)) return integerText;
  const separator = [otherMark, ...SPACE_GROUPS].find((mark) => integerText.includes(mark));
  if (separator === undefined) return null;
  const groups = integerText.split(separator);
  const [head, ...rest] = groups;
  if (head === undefined || !/^\d{1,3}$/.test(head)) return null;
  if (!rest.every((group) => /^\d{3}$/.test(group))) return null;
  return groups.join('');
}

function shiftScientific(integer: string, fraction: string, exponent: number): Unsigned {
  const digits = integer + fraction;
  const point = integer.length + exponent;
  if (point <= 0) return { integer: '0', fraction: '0'.repeat(-point) + digits };
  if (point >= digits.length) return { integer: digits + '0'.repeat(point - digits.length), fraction: '' };
  return { integer: digits.slice(0, point), fraction: digits.slice(point) };
}

function canonical(negative: boolean, integer: string, fraction: string): Decimal {
  const whole = integer.replace(/^0+/, '') || '0';
  const part = fraction.replace(/0+$/, '');
  const magnitude = part ? `${whole}.${part}` : whole;
  return negative && magnitude !== '0' ? `-${magnitude}` : magnitude;
}

function fractionDigits(value: Decimal): number {
  const point = value.indexOf('.');
  return point === -1 ? 0 : value.length - point - 1;
}

function toUnits(value: Decimal, scale: number): bigint {
  const negative = value.startsWith('-');
  const [integer = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt((integer || '0') + fraction.padEnd(scale, '0'));
  return negative ? -units : units;
}

function fromUnits(units: bigint, scale: number): Decimal {
  const negative = units < 0n;
  return fromDigits(negative, (negative ? -units : units).toString(), scale);
}

function fromDigits(negative: boolean, magnitude: string, scale: number): Decimal {
  const digits = magnitude.padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return canonical(negative, digits.slice(0, cut), digits.slice(cut));
}
