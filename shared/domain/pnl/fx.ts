import { parseScaled, type Scaled } from './fixed';
import type { EngineOptions } from './types';

/** No conversion was asked for (neither fxRates nor baseCurrency given). */
export const NO_CONVERSION = 'off';

const ONE: Scaled = { units: 1n, scale: 0 };

/**
 * The rate that turns an amount in `currency` into the base currency; null when conversion was
 * asked for but no usable rate exists. Callers warn on null rather than guess: a guessed rate
 * would put a wrong number into every dashboard total.
 */
export function baseRate(currency: string, options: EngineOptions): Scaled | typeof NO_CONVERSION | null {
  const { fxRates, baseCurrency } = options;
  if (fxRates === undefined && baseCurrency === undefined) return NO_CONVERSION;
  if (currency === baseCurrency) return ONE;
  // hasOwn, so a currency named like an Object.prototype member never finds a function.
  if (!fxRates || !Object.hasOwn(fxRates, currency)) return null;
  const rate = fxRates[currency];
  if (rate === undefined) return null;
  try {
    return parseScaled(rate);
  } catch {
    return null;
  }
}
