import type { EngineOptions } from '../../../shared/domain/pnl';
import { formatDecimal, mul } from '../../../shared/domain/money';

/**
 * A net P&L in the base currency: itself when already in it, times the rate when one is
 * set, null otherwise (left out of base-currency totals rather than guessed).
 */
export function basePnl(netPnl: string, currency: string, options: EngineOptions): string | null {
  if (currency === options.baseCurrency) return formatDecimal(netPnl);
  const rate = options.fxRates && Object.hasOwn(options.fxRates, currency) ? options.fxRates[currency] : undefined;
  return rate === undefined ? null : mul(netPnl, rate);
}
