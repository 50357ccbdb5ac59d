/**
 * thinkorswim (TD Ameritrade / Schwab) Account Statement CSV: several sections in one file.
 * Fills come from "Account Trade History" (times to the minute, signed Qty). Fees live only
 * on the cash lines, so each fill is matched to a TRD cash line with the same side,
 * quantity, symbol, price and minute; the match also gives the time to the second and the
 * order ref. Unmatched fills get fee 0 and a warning. Orders that never filled (Order
 * History status other than FILLED) are counted as ignored. Times have no zone: ctx.timeZone,
 * else America/New_York (a warning says so).
 */
import type { AssetClass, ExecutionSide } from '../../domain/types';
import { findHeaderRow, parseCsv, type CsvRow } from '../csv';
import type { BrokerFormat, ImportIssue, ParseContext, ParseResult, ParsedExecution } from '../types';
import { ImportFormatError } from '../types';
import {
  cell,
  decimalCell,
  issue,
  mapRecords,
  quantityCell,
  recordsBetween,
  requiredCell,
  resolveTimeZone,
  RowError,
  timeValue,
  type CsvRecord,
} from './csv-records';
import { fillKey, readCashFills, sectionEnd, type CashFill } from './thinkorswim-cash';

const DEFAULT_ZONE = 'America/New_York';
const TITLE = /^\uFEFF?Account Statement for (.+?)(?: since .*)?$/;
const TRADE_HEADER = ['Exec Time', 'Side', 'Qty', 'Pos Effect', 'Symbol', 'Price'];
const ORDER_HEADER = ['Time Placed', 'Side', 'Qty', 'Symbol', 'Status'];
const SECTION_TITLES = new Set([
  'Cash Balance',
  'Account Order History',
  'Account Trade History',
  'Futures Statements',
]);
const HAS_SECONDS = /\d:\d{2}:\d{2}/;
const UNLIMITED = Number.MAX_SAFE_INTEGER;

/** thinkorswim Account Statement CSV (Account Trade History section). */
export const thinkorswimFormat: BrokerFormat = {
  id: 'thinkorswim',
  label: 'thinkorswim account statement',
  detect: detectThinkorswim,
  parse: parseThinkorswim,
};

// A long statement can push the trade history past the detection sample, so the title plus a
// known section is enough to be sure.
function detectThinkorswim(sample: string): number {
  const { rows } = parseCsv(sample);
  const titled = TITLE.test(rows[0]?.fields[0] ?? '');
  const trades = findHeaderRow(rows, TRADE_HEADER, UNLIMITED) !== null;
  const sections = rows.some(
    (row) => SECTION_TITLES.has(row.fields[0]?.trim() ?? '') && row.fields.slice(1).every((field) => field === ''),
  );
  if (titled && (trades || sections)) return 0.98;
  return titled || trades ? 0.6 : 0;
}

function parseThinkorswim(text: string, ctx: ParseContext): ParseResult {
  const { rows } = parseCsv(text);
  const account = TITLE.exec(rows[0]?.fields[0] ?? '')?.[1] ?? null;
  const header = findHeaderRow(rows, TRADE_HEADER, UNLIMITED);
  if (header === null && account === null) {
    throw new ImportFormatError(
      ctx.fileName,
      1,
      `not a thinkorswim statement: no "Account Statement for" title and no ${TRADE_HEADER.join(', ')} header`,
    );
  }
  const ignored = unfilledOrders(rows);
  if (header === null) {
    const warning = issue(ctx.fileName, 1, null, 'the statement has no Account Trade History section');
    return { executions: [], ignored, errors: [], warnings: [warning] };
  }
  const { timeZone, defaulted } = resolveTimeZone(ctx, DEFAULT_ZONE);
  const cash = readCashFills(rows, timeZone);
  const records = withInheritedTimes(
    recordsBetween(rows, header.index + 1, sectionEnd(rows, header.index + 1), header.columns),
  );
  const warnings: ImportIssue[] = [];
  const { items, errors } = mapRecords(records, ctx.fileName, (record) => {
    const execution = toExecution(record, account, timeZone, cash);
    if (execution.matched === null)
      warnings.push(issue(ctx.fileName, record.line, null, 'no cash line matches this fill; fee set to 0'));
    return execution.fill;
  });
  if (defaulted && items.length > 0) {
    warnings.push(
      issue(ctx.fileName, rows[header.index]?.line ?? 1, 'Exec Time', `times have no zone; read as ${DEFAULT_ZONE}`),
    );
  }
  const executions = items.sort((a, b) => a.executedAt - b.executedAt);
  return { executions, ignored, errors, warnings };
}

type Matched = { fill: ParsedExecution; matched: CashFill | null };

function toExecution(
  record: CsvRecord,
  account: string | null,
  timeZone: string,
  cash: Map<string, CashFill[]>,
): Matched {
  const side = sideOf(requiredCell(record, 'Side'));
  const quantity = quantityCell(record, 'Qty');
  const symbol = symbolOf(record);
  const price = decimalCell(record, 'Price');
  const execText = cell(record, 'Exec Time');
  const minute = timeValue(execText, 'Exec Time', timeZone);
  const key = fillKey({ side, quantity, symbol: symbol.root, price, minute: Math.floor(minute / 60_000) * 60_000 });
  const matched = cash.get(key)?.shift() ?? null;
  const fill: ParsedExecution = {
    brokerExecId: null,
    orderId: matched?.ref ?? null,
    account,
    symbol: symbol.display,
    assetClass: symbol.assetClass,
    side,
    quantity,
    price,
    fee: matched?.fee ?? '0',
    currency: null,
    executedAt: matched && !HAS_SECONDS.test(execText) ? matched.executedAt : minute,
    line: record.line,
  };
  return { fill, matched };
}

type SymbolInfo = { root: string; display: string; assetClass: AssetClass };

function symbolOf(record: CsvRecord): SymbolInfo {
  const root = requiredCell(record, 'Symbol').toUpperCase();
  const type = cell(record, 'Type').toUpperCase();
  if (root.startsWith('/')) return { root, display: root, assetClass: 'future' };
  if (type === 'CALL' || type === 'PUT') {
    const display = [root, cell(record, 'Exp'), cell(record, 'Strike'), type].filter(Boolean).join(' ').toUpperCase();
    return { root, display, assetClass: 'option' };
  }
  if (type === 'FOREX' || root.includes('/')) return { root, display: root, assetClass: 'forex' };
  return { root, display: root, assetClass: 'stock' };
}

function sideOf(side: string): ExecutionSide {
  const word = side.toUpperCase();
  if (word === 'BUY') return 'buy';
  if (word === 'SELL') return 'sell';
  throw new RowError('Side', `Side "${side}" is not BUY or SELL`);
}

// Later legs of a spread leave Exec Time empty: they happened with the leg above.
function withInheritedTimes(records: CsvRecord[]): CsvRecord[] {
  let previous = '';
  return records.map((record) => {
    const own = cell(record, 'Exec Time');
    if (own !== '' || previous === '') {
      previous = own;
      return record;
    }
    const index = record.columns.get('exec time') ?? 0;
    return { ...record, fields: record.fields.map((field, column) => (column === index ? previous : field)) };
  });
}

function unfilledOrders(rows: readonly CsvRow[]): number {
  const header = findHeaderRow(rows, ORDER_HEADER, UNLIMITED);
  if (header === null) return 0;
  const records = recordsBetween(rows, header.index + 1, sectionEnd(rows, header.index + 1), header.columns);
  return records.filter((record) => {
    const status = cell(record, 'Status').toUpperCase();
    return status !== '' && status !== 'FILLED';
  }).length;
}
