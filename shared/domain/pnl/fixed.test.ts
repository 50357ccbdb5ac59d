import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { div, formatDecimal, mul } from '../money';
import { canonicalDecimal, divScaled, formatScaled, parseScaled, plainDecimal, scaleOf, toUnits } from './fixed';

/** Decimal strings as brokers write them: signs, padding zeros, leading zeros, bare points. */
const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{0,12}$/), fc.option(fc.stringMatching(/^[0-9]{0,9}$/), { nil: null }))
  .filter(([, whole, fraction]) => whole !== '' || (fraction !== null && fraction !== ''))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`);

describe('scaled integers agree with big.js', () => {
  it('canonicalDecimal writes what formatDecimal writes', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(canonicalDecimal(text)).toBe(formatDecimal(text));
      }),
    );
    expect(canonicalDecimal('1e-3')).toBe('0.001');
    expect(canonicalDecimal('$5')).toBeNull();
    expect(canonicalDecimal('-0.00')).toBe('0');
  });

  it('parse, scale and format round-trip exactly', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 6 }), (text, extra) => {
        const { units, scale } = parseScaled(text);
        expect(formatScaled(units, scale)).toBe(formatDecimal(text));
        // toUnits reads the broker's own spelling too ("007.50", "-.5", "5."), as prices arrive.
        const target = scaleOf(text) + extra;
        expect(toUnits(text, target).toString()).toBe(mul(text, `1e${target}`));
        expect(plainDecimal(text)).toBe(text);
      }),
    );
  });

  it('divScaled rounds like money.div (half away from zero)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 10 }),
        (a, b, sa, sb, dp) => {
          expect(divScaled(a, sa, b, sb, dp)).toBe(div(formatScaled(a, sa), formatScaled(b, sb), dp));
        },
      ),
    );
  });
});
