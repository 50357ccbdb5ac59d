import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absDecimal,
  addDecimals,
  compareDecimals,
  halveDecimal,
  isZeroDecimal,
  negateDecimal,
  parseDecimal,
  subtractDecimals,
} from './numbers';

const value = (text: string, decimalSeparator: '.' | ',' = '.') => {
  const parsed = parseDecimal(text, { decimalSeparator });
  return parsed.ok ? parsed.value : `error: ${parsed.error}`;
};

describe('parseDecimal', () => {
  it.each([
    ['$1,234.56', '1234.56'],
    ['$(58.50)', '-58.5'],
    ['($58.50)', '-58.5'],
    ['-$58.50', '-58.5'],
    ['-1 434.86', '-1434.86'],
    ['1\u00a0434.86', '1434.86'],
    ['1\u202f434.86', '1434.86'],
    ['(12)', '-12'],
    ['+5', '5'],
    ['1,930.00', '1930'],
    ['100285.000000000', '100285'],
    ['0.74000', '0.74'],
    ['.87', '0.87'],
    ['-0.00', '0'],
    ['58.50-', '-58.5'],
    ['\u221212', '-12'],
    ['USD 1,000', '1000'],
    ['1.2e-5', '0.000012'],
    ['007', '7'],
  ])('%s → %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('reads decimal-comma text when asked', () => {
    expect(value('1.234,56', ',')).toBe('1234.56');
    expect(value('-1 234,5', ',')).toBe('-1234.5');
    expect(value('12,5', ',')).toBe('12.5');
  });

  it.each(['', 'abc', '1,5', '1,23,456', '12.34.56', '--5', '(-5)', '$', '1 2', '1.5.', 'NaN', 'Infinity'])(
    'rejects %j with a message, never NaN',
    (text) => {
      const parsed = parseDecimal(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/number|sign|empty/);
    },
  );

  it('round-trips any decimal written with thousands separators, currency and accounting sign', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(',', ' ', '\u00a0', ''),
        fc.boolean(),
        (units, scale, group, accounting) => {
          const canonical = decimalText(units, scale);
          const magnitude = canonical.replace('-', '');
          const [integer = '', fraction] = magnitude.split('.');
          const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, group) + (fraction ? `.${fraction}` : '');
          const negative = canonical.startsWith('-');
          const text = negative ? (accounting ? `$(${grouped})` : `-$${grouped}`) : `$${grouped}`;
          expect(value(text)).toBe(canonical);
        },
      ),
    );
  });
});

describe('decimal arithmetic', () => {
  it('adds, subtracts and compares exactly', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(addDecimals('0.06', '0.01', '0', '-0.4')).toBe('-0.33');
    expect(addDecimals()).toBe('0');
    expect(subtractDecimals('2494', '2493.93')).toBe('0.07');
    expect(compareDecimals('1.50', '1.5')).toBe(0);
    expect(compareDecimals('-2', '1')).toBe(-1);
  });

  it('halves, negates and takes magnitudes', () => {
    expect(halveDecimal('0.75')).toBe('0.375');
    expect(halveDecimal('-7.4')).toBe('-3.7');
    expect(negateDecimal('0')).toBe('0');
    expect(negateDecimal('-1.5')).toBe('1.5');
    expect(absDecimal('-3')).toBe('3');
    expect(isZeroDecimal('-0.000')).toBe(true);
  });

  it('agrees with bigint arithmetic on small values too (the double-precision fast path)', () => {
    const small = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n });
    fc.assert(
      fc.property(
        small,
        small,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (a, b, scaleA, scaleB) => {
          const scale = Math.max(scaleA, scaleB);
          const left = a * 10n ** BigInt(scale - scaleA);
          const right = b * 10n ** BigInt(scale - scaleB);
          expect(addDecimals(decimalText(a, scaleA), decimalText(b, scaleB))).toBe(decimalText(left + right, scale));
          expect(compareDecimals(decimalText(a, scaleA), decimalText(b, scaleB))).toBe(
            left < right ? -1 : left > right ? 1 : 0,
          );
        },
      ),
    );
  });

  it('agrees with bigint arithmetic on any pair', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        (a, b) => {
          expect(addDecimals(decimalText(a, 4), decimalText(b, 4))).toBe(decimalText(a + b, 4));
          expect(halveDecimal(decimalText(a * 2n, 4))).toBe(decimalText(a, 4));
        },
      ),
    );
  });
});

// Canonical decimal text of units / 10^scale, written independently of the code under test.
function decimalText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const integer = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  const text = fraction ? `${integer}.${fraction}` : integer;
  return negative && text !== '0' ? `-${text}` : text;
}
