/**
 * Tradovate Performance report CSV (Performance → Download CSV): FIFO buy/sell pairs keyed
 * by fill id. See tradovate-pairs.ts for how pairs become fills and which zone times use.
 * The report has no commissions, so fees are 0 and a warning says so.
 */
import type { BrokerFormat, ParseContext, ParseResult } from '../types';
import { detectByHeader, issue, readRecords, resolveTimeZone } from './csv-records';
import { fillsFromPairs, TRADOVATE_DEFAULT_ZONE, type PairColumns } from './tradovate-pairs';

const COLUMNS: PairColumns = {
  symbol: 'symbol',
  buyFillId: 'buyFillId',
  sellFillId: 'sellFillId',
  quantity: 'qty',
  buyPrice: 'buyPrice',
  sellPrice: 'sellPrice',
  boughtAt: 'boughtTimestamp',
  soldAt: 'soldTimestamp',
  account: null,
  currency: null,
};
const REQUIRED = [
  'symbol',
  'buyFillId',
  'sellFillId',
  'qty',
  'buyPrice',
  'sellPrice',
  'boughtTimestamp',
  'soldTimestamp',
];
const DISTINCTIVE = ['pnl', 'duration', '_priceFormat', '_tickSize'];

/** Tradovate Performance report CSV (paired fills). */
export const tradovatePerformanceFormat: BrokerFormat = {
  id: 'tradovate-performance',
  label: 'Tradovate Performance report',
  detect: (sample) => detectByHeader(sample, REQUIRED, DISTINCTIVE),
  parse: parseTradovatePerformance,
};

function parseTradovatePerformance(text: string, ctx: ParseContext): ParseResult {
  const { headerLine, records } = readRecords(text, ctx, REQUIRED, 'Tradovate Performance');
  const { timeZone, defaulted } = resolveTimeZone(ctx, TRADOVATE_DEFAULT_ZONE);
  const { executions, errors, warnings, duplicates } = fillsFromPairs(records, COLUMNS, ctx.fileName, timeZone);
  if (executions.length > 0) {
    warnings.push(
      issue(ctx.fileName, headerLine, null, 'the Performance report has no commissions; fees are set to 0'),
    );
    if (defaulted)
      warnings.push(
        issue(ctx.fileName, headerLine, 'boughtTimestamp', `times have no zone; read as ${TRADOVATE_DEFAULT_ZONE}`),
      );
  }
  return { executions, ignored: duplicates, errors, warnings };
}
