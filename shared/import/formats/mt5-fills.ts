/**
 * MetaTrader 5 fills → ParsedExecution: sizes, currencies and the warnings that go with them.
 * MT5 trades in lots. A currency pair ("EURUSD", with any broker suffix: "EURUSD.r",
 * "EURUSDm") becomes units at 100,000 per lot, asset class forex; anything else (gold, oil,
 * indices, crypto CFDs) stays in lots, as the MT4 reader does, because the contract size is
 * the broker's and not in the report, and each such symbol gets one warning.
 */
import { forexLotsToUnits } from '../../domain/instruments';
import type { AssetClass, Decimal, ExecutionSide } from '../../domain/types';
import type { ImportIssue, ParsedExecution } from '../types';
import type { Mt5Issue } from './mt5-rows';

/** A fill as the report states it, in lots. */
export type Mt5Fill = {
  brokerExecId: string;
  orderId: string | null;
  /** The symbol exactly as written (its case tells "EURUSDm" from a six-letter CFD). */
  symbol: string;
  side: ExecutionSide;
  lots: Decimal;
  price: Decimal;
  fee: Decimal;
  executedAt: number;
  line: number;
};

const FIAT = new Set(
  'USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|HUF|CZK|TRY|ZAR|MXN|SGD|HKD|CNH|CNY|RUB|ILS|THB|INR|KRW|TWD|BRL'.split(
    '|',
  ),
);
const CRYPTO = new Set('BTC|ETH|LTC|XRP|BCH|SOL|ADA|DOT|DOGE|BNB|XLM|EOS|LINK|AVAX|TRX|MATIC'.split('|'));

/** Turns fills into executions, adding each symbol's size and currency warnings once. */
export function fillsToExecutions(
  fills: readonly Mt5Fill[],
  report: { account: string | null; currency: string | null },
  issue: Mt5Issue,
): { executions: ParsedExecution[]; warnings: ImportIssue[] } {
  const warnings: ImportIssue[] = [];
  const warned = new Set<string>();
  const warnOnce = (key: string, line: number, message: string): void => {
    if (!warned.has(key)) warnings.push(issue(line, 'Symbol', message));
    warned.add(key);
  };
  const executions = fills.map((fill): ParsedExecution => {
    const symbol = fill.symbol.toUpperCase();
    const instrument = classify(fill.symbol);
    const isPair = instrument.assetClass === 'forex';
    const currency = instrument.quoteCurrency ?? report.currency;
    if (!isPair) {
      warnOnce(
        `lots:${symbol}`,
        fill.line,
        `${symbol} is not a currency pair: its size is kept in lots, as if one lot were one unit; the broker's contract size is not in the report.`,
      );
    }
    if (report.currency !== null && currency !== report.currency) {
      warnOnce(
        `ccy:${symbol}`,
        fill.line,
        `${symbol} is priced in ${currency ?? '?'}, but its commission, fee and swap are in ${report.currency} and were imported unconverted.`,
      );
    }
    return {
      brokerExecId: fill.brokerExecId,
      orderId: fill.orderId,
      account: report.account,
      symbol,
      assetClass: instrument.assetClass,
      side: fill.side,
      quantity: isPair ? forexLotsToUnits(fill.lots) : fill.lots,
      price: fill.price,
      fee: fill.fee,
      currency,
      executedAt: fill.executedAt,
      line: fill.line,
    };
  });
  return { executions, warnings };
}

/** FX pairs are two fiat codes; a suffix may follow in lower case or after punctuation. */
function classify(symbol: string): { assetClass: AssetClass; quoteCurrency: string | null } {
  const m = /^([A-Z]{3})([A-Z]{3})(?![A-Z])/.exec(symbol.trim());
  const base = m?.[1] ?? '';
  const quote = m?.[2] !== undefined && FIAT.has(m[2]) ? m[2] : null;
  if (quote !== null && FIAT.has(base)) return { assetClass: 'forex', quoteCurrency: quote };
  if (CRYPTO.has(base)) return { assetClass: 'crypto', quoteCurrency: quote };
  // Metals, energy and index CFDs: contracts with a per-lot size, the closest class we have.
  return { assetClass: 'future', quoteCurrency: quote };
}
