/**
 * Interactive Brokers Transaction History CSV (Portal › Performance & Reports › Transaction
 * History › Download), plus the section reader every IBKR statement CSV shares. The export comes
 * in the Portal's statement layout (Statement, Summary and Transaction History sections, each line
 * led by the section name and row type) or as a plain table with the same columns.
 *
 * Only Buy and Sell rows are fills; deposits, dividends, interest, fees, FX conversions and the
 * rest are counted as ignored (with a warning when such a row moves a position, e.g. an
 * assignment). "-" marks an empty cell. Sells have negative quantities; Commission is negative
 * for a cost. There is no fill id and no asset category: options are told by their symbol
 * ("AAPL 17JAN25 190 C" or OCC), forex by "EUR.USD", futures by a root the journal knows.
 */
import type { AssetClass, ExecutionSide } from '../../domain/types';
import { findFuturesSpec, parseFuturesSymbol, parseOptionSymbol } from '../../domain/instruments';
import { findHeaderRow, headerMap, isBlankRow, parseCsv, type CsvRow, type HeaderMap } from '../csv';
import { isZeroDecimal, negateDecimal, parseDecimal } from '../numbers';
import { parseDateTimeText, zonedTimeToUtc } from '../time';
import { ImportFormatError, type BrokerFormat, type ImportIssue, type ParseContext } from '../types';
import type { ParsedExecution, ParseResult } from '../types';
import {
  cell,
  decimalCell,
  detectByHeader,
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

const DEFAULT_ZONE = 'America/New_York';
const SECTION = 'Transaction History';
const REQUIRED = ['Date', 'Transaction Type', 'Symbol', 'Quantity', 'Price'];
const SIGNATURE = [...REQUIRED, 'Net Amount'];
const DISTINCTIVE = ['Account', 'Description', 'Gross Amount', 'Commission', 'Price Currency'];
const SIDES = new Map<string, ExecutionSide>([
  ['buy', 'buy'],
  ['sell', 'sell'],
]);
const IBKR_OPTION = /^[A-Z0-9.]+ \d{1,2}[A-Z]{3}\d{2} \d+(?:\.\d+)? [CP]$/;
const FOREX_PAIR = /^[A-Z]{3}\.[A-Z]{3}$/;
const SECOND = 1000;

/** A data row of a statement section with its row type (Data, SubTotal, Total). */
export type SectionRecord = CsvRecord & { kind: string };

/** A section's data rows, each with the header above it, and its header rows (one per asset category in Trades). */
export type Section = { records: SectionRecord[]; headers: CsvRow[] };

/** Rows of one section of an IBKR statement CSV (lines led by "<section>,Header" / "<section>,Data"). */
export function sectionRecords(rows: readonly CsvRow[], section: string): Section {
  const records: SectionRecord[] = [];
  const headers: CsvRow[] = [];
  let columns: HeaderMap | null = null;
  for (const row of rows) {
    if (row.fields[0]?.trim() !== section) continue;
    const kind = row.fields[1]?.trim() ?? '';
    if (kind === 'Header') headers.push(row);
    if (kind === 'Header') columns = headerMap(row.fields);
    else if (columns !== null && !isBlankRow(row.fields.slice(2)))
      records.push({ line: row.line, fields: row.fields, columns, kind });
  }
  return { records, headers };
}

/** A `Field Name,Field Value` entry of a section (Statement › Title, Account Information › Account). */
export function sectionField(rows: readonly CsvRow[], section: string, name: string): string | null {
  const found = sectionRecords(rows, section).records.find((record) => cell(record, 'Field Name') === name);
  return found ? cell(found, 'Field Value') || null : null;
}

/** Interactive Brokers Transaction History CSV. */
export const ibkrTransactionsCsvFormat: BrokerFormat = {
  id: 'ibkr-transactions-csv',
  label: 'Interactive Brokers Transaction History (CSV)',
  detect: (sample) => detectByHeader(sample, SIGNATURE, DISTINCTIVE),
  parse: parseTransactions,
};

type DatedFill = { fill: ParsedExecution; noon: number | null };

function parseTransactions(text: string, ctx: ParseContext): ParseResult {
  const file = ctx.fileName;
  const { rows } = parseCsv(text);
  const table = transactionRecords(rows);
  if (table === null)
    throw new ImportFormatError(
      file,
      rows[0]?.line ?? 1,
      `not an IBKR Transaction History: no ${REQUIRED.join(', ')} header`,
    );
  const { timeZone, defaulted } = resolveTimeZone(ctx, DEFAULT_ZONE);
  const warnings: ImportIssue[] = [];
  const trades = table.records.filter((record) => SIDES.has(value(record, 'Transaction Type').toLowerCase()));
  const movedBy = new Set<string>();
  for (const record of table.records) {
    const type = value(record, 'Transaction Type');
    if (SIDES.has(type.toLowerCase()) || movedBy.has(type) || !movesPosition(record)) continue;
    movedBy.add(type);
    const message = `"${type}" rows change a position but are not buys or sells; they were not imported`;
    warnings.push(issue(file, record.line, 'Transaction Type', message));
  }
  const { items, errors } = mapRecords(trades, file, (record) => readTrade(record, timeZone));
  const newestFirst = runsNewestFirst(table.records.map((record) => value(record, 'Date')));
  placeWithinDays(items, newestFirst);
  if (items.some((item) => item.noon !== null)) {
    const zone = defaulted ? `${DEFAULT_ZONE} (IBKR's default)` : timeZone;
    const order = newestFirst ? 'counted from the bottom, as the file lists newest first' : 'in file order';
    const message = `the export has dates but no times: fills are placed at 12:00 ${zone} on their date, one second apart ${order}, so same-day fills keep their order but not their real times`;
    warnings.push(issue(file, table.headerLine, 'Date', message));
  }
  const ignored = table.records.length - trades.length;
  return { executions: items.map((item) => item.fill), ignored, errors, warnings };
}

// The statement layout's own section, else a plain table whose first row is the header.
function transactionRecords(rows: readonly CsvRow[]): { records: CsvRecord[]; headerLine: number } | null {
  const section = sectionRecords(rows, SECTION);
  const header = section.headers[0];
  if (header !== undefined && REQUIRED.every((name) => headerMap(header.fields).has(name.toLowerCase())))
    return { records: section.records.filter((record) => record.kind === 'Data'), headerLine: header.line };
  const plain = findHeaderRow(rows, REQUIRED);
  if (plain === null) return null;
  const records = recordsBetween(rows, plain.index + 1, rows.length, plain.columns);
  return { records, headerLine: rows[plain.index]?.line ?? 1 };
}

function readTrade(record: CsvRecord, timeZone: string): DatedFill {
  const date = requiredCell(record, 'Date');
  const parsed = parseDateTimeText(date);
  if (!parsed.ok) throw new RowError('Date', `Date: ${parsed.error}`);
  // A date with a time of day (should IBKR add one) is used as written.
  const noon = date.includes(':') ? null : zonedTimeToUtc({ ...parsed.value.local, hour: 12 }, timeZone);
  const symbol = requiredCell(record, 'Symbol').toUpperCase();
  const commission = value(record, 'Commission');
  const fill: ParsedExecution = {
    brokerExecId: null,
    orderId: null,
    account: value(record, 'Account') || null,
    symbol,
    assetClass: assetClassOf(symbol),
    side: SIDES.get(value(record, 'Transaction Type').toLowerCase()) ?? 'buy',
    quantity: quantityCell(record, 'Quantity'),
    price: decimalCell(record, 'Price'),
    fee: commission === '' ? '0' : negateDecimal(decimalCell(record, 'Commission')),
    currency: value(record, 'Price Currency').toUpperCase() || null,
    executedAt: noon ?? timeValue(date, 'Date', timeZone),
    line: record.line,
  };
  return { fill, noon };
}

/**
 * The export has no time of day, so each fill is put at noon on its date plus one second per
 * earlier fill that day:
 * - noon keeps the calendar day right wherever the journal shows it (any zone within ±11 h);
 * - the seconds keep a day's fills in the order they happened, so a buy and a sell of one day pair
 *   up as opened-then-closed. That order is the file's, read from the bottom when the file lists
 *   newest first (the Portal does), judged from all its dates;
 * - counting from the day's first fill, a later export of the same day with more fills gives the
 *   earlier ones the same times again, so re-importing it adds no duplicates.
 */
function placeWithinDays(items: DatedFill[], newestFirst: boolean): void {
  const days = new Map<number, DatedFill[]>();
  for (const item of items) {
    if (item.noon === null) continue;
    const day = days.get(item.noon) ?? [];
    day.push(item);
    days.set(item.noon, day);
  }
  for (const [noon, day] of days) {
    const ordered = newestFirst ? [...day].reverse() : day;
    ordered.forEach((item, index) => (item.fill.executedAt = noon + index * SECOND));
  }
}

// Newest first when the dates fall more often than they rise from one row to the next.
function runsNewestFirst(dates: readonly string[]): boolean {
  const days = dates.map((date) => date.slice(0, 10)).filter((date) => /^\d{4}-\d{2}-\d{2}$/.test(date));
  let balance = 0;
  for (let index = 1; index < days.length; index++) {
    const [before = '', after = ''] = [days[index - 1], days[index]];
    balance += before > after ? 1 : before < after ? -1 : 0;
  }
  return balance > 0;
}

function movesPosition(record: CsvRecord): boolean {
  const quantity = parseDecimal(value(record, 'Quantity'));
  return value(record, 'Symbol') !== '' && quantity.ok && !isZeroDecimal(quantity.value);
}

function assetClassOf(symbol: string): AssetClass {
  if (IBKR_OPTION.test(symbol) || parseOptionSymbol(symbol) !== null) return 'option';
  if (FOREX_PAIR.test(symbol)) return 'forex';
  const future = parseFuturesSymbol(symbol);
  return future !== null && findFuturesSpec(future.root) !== null ? 'future' : 'stock';
}

/** A cell with IBKR's "-" placeholder read as empty. */
function value(record: CsvRecord, column: string): string {
  const text = cell(record, column);
  return text === '-' ? '' : text;
}
