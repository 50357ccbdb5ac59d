import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  compare,
  decimalPlaces,
  div,
  formatDecimal,
  isDecimal,
  isZero,
  mul,
  neg,
  round,
  sign,
  sub,
  sum,
  toBig,
} from './money';

describe('formatDecimal', () => {
  it('writes the canonical form: no exponent, no trailing zeros, no negative zero', () => {
    expect(formatDecimal('-58.50')).toBe('-58.5');
    expect(formatDecimal('0.000')).toBe('0');
    expect(formatDecimal('-0')).toBe('0');
    expect(formatDecimal('1234.56')).toBe('1234.56');
    expect(formatDecimal('1e-9')).toBe('0.000000001');
    expect(formatDecimal('1.5e21')).toBe('1500000000000000000000');
    expect(formatDecimal('007.10')).toBe('7.1');
  });
});

describe('arithmetic', () => {
  it('is exact where binary floats are not', () => {
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(sub('1.1', '0.9')).toBe('0.2');
    expect(mul('1.005', '1000')).toBe('1005');
    expect(sum(['0.1', '0.1', '0.1', '-0.3'])).toBe('0');
    expect(sum([])).toBe('0');
  });

  it('divides to a fixed number of places, half up', () => {
    expect(div('1', '3')).toBe('0.3333333333');
    expect(div('2', '3', 2)).toBe('0.67');
    expect(div('-2', '3', 2)).toBe('-0.67');
    expect(div('0.125', '1', 2)).toBe('0.13');
    expect(div('10', '4')).toBe('2.5');
    expect(() => div('1', '0')).toThrow(/zero/);
  });

  it('rounds once when dividing to fewer places (no double rounding)', () => {
    // 0.1234499999999... to 4 places is 0.1234; rounding to 10 places first would give 0.1235.
    expect(div('0.12344999999999', '1', 4)).toBe('0.1234');
  });

  it('negates, takes absolute values, compares and reads signs', () => {
    expect(neg('5.5')).toBe('-5.5');
    expect(neg('0')).toBe('0');
    expect(abs('-3.25')).toBe('3.25');
    expect(compare('2.50', '2.5')).toBe(0);
    expect(compare('-1', '0.5')).toBe(-1);
    expect(sign('-0.0001')).toBe(-1);
    expect(sign('-0')).toBe(0);
    expect(sign('7')).toBe(1);
    expect(isZero('0.000')).toBe(true);
    expect(isZero('0.001')).toBe(false);
    expect(round('2.345', 2)).toBe('2.35');
    expect(round('-0.001', 2)).toBe('0');
    expect(decimalPlaces('1.250')).toBe(2);
    expect(decimalPlaces('1200')).toBe(0);
  });

  it('refuses anything that is not a decimal string', () => {
    expect(isDecimal('12.5')).toBe(true);
    expect(isDecimal('$12.50')).toBe(false);
    expect(isDecimal('1,000')).toBe(false);
    expect(isDecimal('NaN')).toBe(false);
    expect(isDecimal('')).toBe(false);
    expect(() => toBig('12,5')).toThrow(/Not a decimal/);
  });
});

/** A decimal with up to 8 places, written as a string, and the same value in units of 1e-8. */
const fillAmount = fc
  .tuple(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.integer({ min: 0, max: 8 }))
  .map(([units, places]) => ({ text: unitsToDecimal(units, places), scaled: units * 10n ** BigInt(8 - places) }));

function unitsToDecimal(units: bigint, places: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const text = places === 0 ? whole : `${whole}.${digits.slice(digits.length - places)}`;
  return negative ? `-${text}` : text;
}

describe('sum (property)', () => {
  it('adds 10,000 fill amounts to exactly what BigInt scaled integers give', () => {
    fc.assert(
      fc.property(fc.array(fillAmount, { minLength: 10_000, maxLength: 10_000 }), (amounts) => {
        const expected = amounts.reduce((total, a) => total + a.scaled, 0n);
        const viaMoney = sum(amounts.map((a) => a.text));
        expect(viaMoney).toBe(formatDecimal(unitsToDecimal(expected, 8)));
      }),
      { numRuns: 20 },
    );
  });

  it('formatDecimal never writes an exponent or a trailing zero', () => {
    fc.assert(
      fc.property(fillAmount, ({ text }) => {
        const out = formatDecimal(text);
        expect(out).toMatch(/^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/);
        expect(out).not.toBe('-0');
        expect(compare(out, text)).toBe(0);
      }),
    );
  });
});
