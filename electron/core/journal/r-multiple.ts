import Big from 'big.js';
import type { Trade } from '../../../shared/domain/types';

type RInputs = Pick<Trade, 'netPnl' | 'riskAmount' | 'stopPrice' | 'entryPrice' | 'quantity' | 'multiplier'>;

/**
 * The trade's result in multiples of what was risked: the risk amount when the trader
 * set one, else the distance from entry to stop times size and point value. Null when
 * neither is known or the risk is zero.
 */
export function rMultipleOf(t: RInputs): string | null {
  let risk: Big;
  if (t.riskAmount !== null) risk = new Big(t.riskAmount).abs();
  else if (t.stopPrice !== null)
    risk = new Big(t.entryPrice).minus(t.stopPrice).abs().times(t.quantity).times(t.multiplier);
  else return null;
  if (risk.eq(0)) return null;
  return new Big(t.netPnl).div(risk).round(2).toString();
}
