/**
 * NinjaTrader 8 Executions grid export (Control Center → Executions → Export...).
 *
 * One row per fill. Times are wall-clock in the zone NinjaTrader was set to (by default the
 * PC's zone) and carry no offset, so they are read in ctx.timeZone, else America/New_York
 * (US futures hours; a warning says the zone was assumed). The `E/X` and `Position` columns
 * are informational and not trusted: copier accounts show "-" for every position.
 * Semicolon-delimited files are European-locale exports and use a decimal comma. Dates follow
 * the PC's locale too: day-first when any date in the file can only be day-first.
 */
import type { AssetClass, ExecutionSide } from '../../domain/types';
import { inferDateOrder } from '../time';
import type { BrokerFormat, ImportIssue, ParseContext, ParseResult, ParsedExecution } from '../types';
import {
  cell,
  decimalCell,
  decimalStyleFor,
  detectByHeader,
  issue,
  mapRecords,
  optionalDecimalCell,
  quantityCell,
  readRecords,
  requiredCell,
  resolveTimeZone,
  RowError,
  timeValue,
  type CsvRecord,
} from './csv-records';

const DEFAULT_ZONE = 'America/New_York';
const REQUIRED = ['Instrument', 'Action', 'Quantity', 'Price', 'Time'];
// Traders can hide grid columns, so half of these is enough to be sure.
const DISTINCTIVE = ['ID', 'E/X', 'Position', 'Order ID', 'Name', 'Commission', 'Rate', 'Account', 'Connection'];
const FUTURE = /^\S+ (?:(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\d{2}|\d{2}-\d{2})$/;
const FOREX = /^\$[A-Z]{6}$/;

/** NinjaTrader 8 Executions grid CSV. */
export const ninjaTrader8Format: BrokerFormat = {
  id: 'ninjatrader8',
  label: 'NinjaTrader 8 executions',
  detect: (sample) => detectByHeader(sample, REQUIRED, DISTINCTIVE),
  parse: parseNinjaTrader8,
};

function parseNinjaTrader8(text: string, ctx: ParseContext): ParseResult {
  const { delimiter, headerLine, records } = readRecords(text, ctx, REQUIRED, 'NinjaTrader 8 executions');
  const { timeZone, defaulted } = resolveTimeZone(ctx, DEFAULT_ZONE);
  const style = decimalStyleFor(delimiter);
  // NinjaTrader writes dates in the PC's locale: tell 28/01 from 01/28 by the file itself.
  const dateOrder =
    inferDateOrder(records.map((record) => cell(record, 'Time'))) ?? (style.decimalSeparator === ',' ? 'dmy' : 'mdy');
  const { items, errors } = mapRecords(records, ctx.fileName, (record: CsvRecord): ParsedExecution => {
    const symbol = requiredCell(record, 'Instrument').toUpperCase();
    return {
      brokerExecId: cell(record, 'ID') || null,
      orderId: cell(record, 'Order ID') || null,
      account: cell(record, 'Account') || null,
      symbol,
      assetClass: assetClassOf(symbol),
      side: sideOf(requiredCell(record, 'Action')),
      quantity: quantityCell(record, 'Quantity', style),
      price: decimalCell(record, 'Price', style),
      fee: optionalDecimalCell(record, 'Commission', style),
      currency: null,
      executedAt: timeValue(cell(record, 'Time'), 'Time', timeZone, dateOrder),
      line: record.line,
    };
  });
  const warnings: ImportIssue[] = [];
  if (defaulted && items.length > 0) {
    warnings.push(issue(ctx.fileName, headerLine, 'Time', `times have no zone; read as ${DEFAULT_ZONE}`));
  }
  return { executions: items, ignored: 0, errors, warnings };
}

function sideOf(action: string): ExecutionSide {
  const word = action.toLowerCase().replace(/[^a-z]/g, '');
  // NinjaTrader writes Buy, Sell, BuyToCover and SellShort.
  if (word.startsWith('buy')) return 'buy';
  if (word.startsWith('sell')) return 'sell';
  throw new RowError('Action', `Action "${action}" is not Buy or Sell`);
}

function assetClassOf(symbol: string): AssetClass {
  if (FUTURE.test(symbol)) return 'future';
  if (FOREX.test(symbol)) return 'forex';
  return 'stock';
}
