/**
 * TradeZero trade export CSV: one row per fill, side codes B/S/SS/BC, the trade date (T/D)
 * and the execution time in separate columns, both US Eastern wall-clock time (the
 * broker's zone, whatever the trader's), and one column per fee. Fee = the sum of the fee
 * columns; when Gross − Net Proceeds disagrees with that sum a warning shows both.
 */
import type { AssetClass, ExecutionSide } from '../../domain/types';
import { addDecimals, compareDecimals, parseDecimal, subtractDecimals } from '../numbers';
import { parseDateTimeText } from '../time';
import type { BrokerFormat, ImportIssue, ParseContext, ParseResult, ParsedExecution } from '../types';
import {
  cell,
  decimalCell,
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
const REQUIRED = ['T/D', 'Side', 'Symbol', 'Qty', 'Price', 'Exec Time'];
const DISTINCTIVE = [
  'Account',
  'S/D',
  'Currency',
  'Type',
  'Comm',
  'SEC',
  'TAF',
  'NSCC',
  'Nasdaq',
  'ECN Remove',
  'ECN Add',
  'Gross Proceeds',
  'Net Proceeds',
  'Clr Broker',
  'Liq',
  'Note',
];
const FEE_COLUMNS = ['Comm', 'SEC', 'TAF', 'NSCC', 'Nasdaq', 'ECN Remove', 'ECN Add'];
const SIDES: Readonly<Record<string, ExecutionSide>> = { B: 'buy', BC: 'buy', S: 'sell', SS: 'sell' };
const OCC_OPTION = /^[A-Z]{1,6}\d{6}[CP]\d{8}$/;

/** TradeZero trade export CSV. */
export const tradezeroFormat: BrokerFormat = {
  id: 'tradezero',
  streamable: true,
  label: 'TradeZero trades',
  detect: (sample) => detectByHeader(sample, REQUIRED, DISTINCTIVE),
  parse: parseTradeZero,
};

function parseTradeZero(text: string, ctx: ParseContext): ParseResult {
  const { records } = readRecords(text, ctx, REQUIRED, 'TradeZero');
  const { timeZone } = resolveTimeZone(ctx, DEFAULT_ZONE);
  const warnings: ImportIssue[] = [];
  // A day's fills share their T/D: check each distinct date once (a 100k-row file has a few hundred).
  const dateErrors = new Map<string, string | null>();
  const { items, errors } = mapRecords(records, ctx.fileName, (record) => {
    const execution = toExecution(record, timeZone, dateErrors);
    const mismatch = proceedsMismatch(record, execution.fee);
    if (mismatch) warnings.push(issue(ctx.fileName, record.line, 'Net Proceeds', mismatch));
    return execution;
  });
  return { executions: items, ignored: 0, errors, warnings };
}

function toExecution(record: CsvRecord, timeZone: string, dateErrors: Map<string, string | null>): ParsedExecution {
  const symbol = requiredCell(record, 'Symbol').toUpperCase();
  const date = requiredCell(record, 'T/D');
  let dateError = dateErrors.get(date);
  if (dateError === undefined) {
    const dateOnly = parseDateTimeText(date);
    dateError = dateOnly.ok ? null : `T/D: ${dateOnly.error}`;
    dateErrors.set(date, dateError);
  }
  if (dateError !== null) throw new RowError('T/D', dateError);
  const when = `${date} ${requiredCell(record, 'Exec Time')}`;
  return {
    brokerExecId: null,
    orderId: null,
    account: cell(record, 'Account') || null,
    symbol,
    assetClass: assetClassOf(symbol),
    side: sideOf(requiredCell(record, 'Side')),
    quantity: quantityCell(record, 'Qty'),
    price: decimalCell(record, 'Price'),
    fee: addDecimals(...FEE_COLUMNS.map((column) => optionalDecimalCell(record, column))),
    currency: cell(record, 'Currency').toUpperCase() || null,
    executedAt: timeValue(when, 'Exec Time', timeZone),
    line: record.line,
  };
}

// Gross − Net Proceeds is the fee TradeZero charged; a gap means a fee column we do not know.
function proceedsMismatch(record: CsvRecord, fee: string): string | null {
  const gross = parseDecimal(cell(record, 'Gross Proceeds'));
  const net = parseDecimal(cell(record, 'Net Proceeds'));
  if (!gross.ok || !net.ok) return null;
  const charged = subtractDecimals(gross.value, net.value);
  // Decimals are canonical text, so equal text is the usual, cheap answer.
  if (charged === fee || compareDecimals(charged, fee) === 0) return null;
  return `fee columns add up to ${fee} but Gross − Net Proceeds is ${charged}; imported ${fee}`;
}

function sideOf(code: string): ExecutionSide {
  const side = SIDES[code.toUpperCase()];
  if (side === undefined) throw new RowError('Side', `Side "${code}" is not B, S, SS or BC`);
  return side;
}

function assetClassOf(symbol: string): AssetClass {
  return OCC_OPTION.test(symbol) ? 'option' : 'stock';
}
