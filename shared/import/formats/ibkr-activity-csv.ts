/**
 * Interactive Brokers statements as CSV, in two layouts read by one row converter:
 * - Activity Statement CSV (`ibkr-activity-csv`): every line starts with a section name and a row
 *   type (`Trades,Header,...`). Each asset category has its own Trades header (Forex writes
 *   `Comm in USD` for `Comm/Fee`); SubTotal/Total rows are sums and skipped. No fill ids
 *   (brokerExecId null). An `Order` row directly followed by `Trade` rows is their sum, so only
 *   the executions are kept; `ClosedLot` and `Ca` (cancelled) rows are ignored too.
 * - Flex Query CSV (`ibkr-flex-csv`): Flex field names, optionally wrapped in BOF/HEADER/DATA
 *   records. Its own format, like the XML one, with the XML reader's rules: EXECUTION rows only,
 *   a cancellation removes the fill it names, and the same brokerExecId, so XML and CSV dedupe.
 * Quantities are signed (negative = sell) and costs negative (fee = −(commission + taxes)). Times
 * are in the account's zone: ctx.timeZone, else America/New_York (a warning says so). Neither is
 * streamable: sections and cancellations span the whole file. The statement section reader is
 * shared with the Transaction History reader and lives there.
 */
import type { AssetClass, ExecutionSide } from '../../domain/types';
import { headerMap, isBlankRow, normalizeHeader, parseCsv, type CsvRow, type HeaderMap } from '../csv';
import { addDecimals, negateDecimal } from '../numbers';
import { ImportFormatError, type BrokerFormat, type ImportIssue, type ParseContext } from '../types';
import type { ParsedExecution, ParseResult } from '../types';
import {
  cell,
  decimalCell,
  detectByHeader,
  hasColumn,
  issue,
  mapRecords,
  optionalDecimalCell,
  quantityCell,
  requiredCell,
  resolveTimeZone,
  RowError,
  timeValue,
  type CsvRecord,
} from './csv-records';
import { sectionField, sectionRecords, type SectionRecord } from './ibkr-transactions-csv';

const DEFAULT_ZONE = 'America/New_York';
const TRADE_COLUMNS = ['Asset Category', 'Symbol', 'Date/Time', 'Quantity', 'T. Price'].map(normalizeHeader);
const FLEX_REQUIRED = ['Symbol', 'Quantity', 'TradePrice'];
const FLEX_DISTINCTIVE = ['ClientAccountID', 'AssetClass', 'Buy/Sell', 'IBCommission', 'IBExecID', 'TradeID'];
const FLEX_MARKERS = new Set(['BOF', 'BOA', 'BOS', 'EOS', 'EOA', 'EOF']);
const CANCELLED = 'IBKR cancelled this trade (code Ca); not imported. If it was imported before, delete it by hand.';
const EXECUTION_ROWS = new Set(['trade', 'execution']);

/** Interactive Brokers Activity Statement CSV (Trades section). */
export const ibkrActivityCsvFormat: BrokerFormat = {
  id: 'ibkr-activity-csv',
  label: 'Interactive Brokers Activity Statement (CSV)',
  detect(sample) {
    const { rows } = parseCsv(sample);
    const headers = sectionRecords(rows, 'Trades').headers;
    if (headers.some((row) => TRADE_COLUMNS.every((name) => headerMap(row.fields).has(name)))) return 0.97;
    // A long statement can push Trades past the sample; the title is enough then.
    return /Activity Statement/i.test(sectionField(rows, 'Statement', 'Title') ?? '') ? 0.9 : 0;
  },
  parse: parseActivity,
};

/** Interactive Brokers Flex Query, CSV output (Trades section). */
export const ibkrFlexCsvFormat: BrokerFormat = {
  id: 'ibkr-flex-csv',
  label: 'Interactive Brokers Flex Query (CSV)',
  detect: (sample) => detectByHeader(sample, FLEX_REQUIRED, FLEX_DISTINCTIVE),
  parse: parseFlexCsv,
};

/** Where one layout keeps each field; the first fee column is the commission, in `feeCurrency` ('' = the trade's). */
type Layout = {
  category: string;
  price: string;
  currency: string;
  account: string;
  fees: readonly string[];
  feeCurrency: (record: CsvRecord) => string;
};

const ACTIVITY_COLUMNS = { category: 'Asset Category', price: 'T. Price', currency: 'Currency', account: 'Account' };
const FLEX: Layout = {
  category: 'AssetClass',
  price: 'TradePrice',
  currency: 'CurrencyPrimary',
  account: 'ClientAccountID',
  fees: ['IBCommission', 'Taxes'],
  feeCurrency: (record) => cell(record, 'IBCommissionCurrency').toUpperCase(),
};

// Comm/Fee for most categories; Forex headers name the commission's currency instead ("Comm in USD").
function activityLayout(columns: HeaderMap): Layout {
  const named = [...columns.keys()].map((name) => /^comm in ([a-z]{3})$/.exec(name)?.[1]).find(Boolean);
  const code = columns.has('comm/fee') ? '' : (named?.toUpperCase() ?? '');
  const fees = [code === '' ? 'Comm/Fee' : `Comm in ${code}`];
  return { ...ACTIVITY_COLUMNS, fees, feeCurrency: () => code };
}

type Warnings = { list: ImportIssue[]; file: string; seen: Set<string> };

function warnOnce(warnings: Warnings, key: string, line: number, column: string | null, message: string): void {
  if (!warnings.seen.has(key)) warnings.list.push(issue(warnings.file, line, column, message));
  warnings.seen.add(key);
}

function parseActivity(text: string, ctx: ParseContext): ParseResult {
  const file = ctx.fileName;
  const { rows } = parseCsv(text);
  const trades = sectionRecords(rows, 'Trades');
  const firstHeader = trades.headers[0];
  if (firstHeader === undefined) {
    if (sectionField(rows, 'Statement', 'Title') === null)
      throw new ImportFormatError(file, rows[0]?.line ?? 1, 'not an IBKR statement: no Trades or Statement rows');
    return { executions: [], ignored: 0, errors: [], warnings: [issue(file, 1, null, 'the statement has no Trades')] };
  }
  const { timeZone, defaulted } = resolveTimeZone(ctx, DEFAULT_ZONE);
  const account = sectionField(rows, 'Account Information', 'Account');
  const instruments = sectionRecords(rows, 'Financial Instrument Information').records;
  const multipliers = new Map(instruments.map((r) => [cell(r, 'Symbol').toUpperCase(), cell(r, 'Multiplier')]));
  const warnings: Warnings = { list: [], file, seen: new Set() };
  const { fills, ignored } = chooseFills(trades.records, warnings);
  const { items, errors } = mapRecords(fills, file, (record) => {
    const fill = toExecution(record, activityLayout(record.columns), timeZone, warnings);
    warnMultiplier(warnings, fill, multipliers.get(fill.symbol) ?? '', record.line);
    return { ...fill, account: fill.account ?? account };
  });
  if (defaulted && items.length > 0)
    warnings.list.push(issue(file, firstHeader.line, 'Date/Time', `times have no zone; read as ${DEFAULT_ZONE}`));
  return { executions: items, ignored, errors, warnings: warnings.list };
}

// An Order row directly followed by Trade rows is their sum; ClosedLot rows are the lots a close matched.
function chooseFills(records: readonly SectionRecord[], warnings: Warnings): { fills: CsvRecord[]; ignored: number } {
  const data = records.filter((record) => record.kind === 'Data');
  const fills = data.filter((record, index) => {
    const kind = cell(record, 'DataDiscriminator').toLowerCase();
    const next = cell(data[index + 1] ?? record, 'DataDiscriminator').toLowerCase();
    const summary = kind === 'order' && index + 1 < data.length && EXECUTION_ROWS.has(next);
    const cancelled = hasCode(cell(record, 'Code'), 'Ca');
    if (cancelled) warnings.list.push(issue(warnings.file, record.line, 'Code', CANCELLED));
    return !summary && !cancelled && (kind === 'order' || kind === '' || EXECUTION_ROWS.has(kind));
  });
  return { fills, ignored: data.length - fills.length };
}

type FlexFill = { execution: ParsedExecution; transactionId: string; tradeId: string };

function parseFlexCsv(text: string, ctx: ParseContext): ParseResult {
  const file = ctx.fileName;
  const { rows } = parseCsv(text);
  const table = flexTradeRecords(rows);
  if (table === null)
    throw new ImportFormatError(
      file,
      rows[0]?.line ?? 1,
      'not an IBKR Flex CSV: no Symbol, Quantity, TradePrice header',
    );
  const { timeZone, defaulted } = resolveTimeZone(ctx, DEFAULT_ZONE);
  const warnings: Warnings = { list: [], file, seen: new Set() };
  const fills: FlexFill[] = [];
  const cancels: CsvRecord[] = [];
  let ignored = 0;
  const { errors } = mapRecords(table.records, file, (record) => {
    const level = cell(record, 'LevelOfDetail').toUpperCase();
    if (level !== '' && level !== 'EXECUTION') ignored++;
    else if (/\(Ca\.?\)/i.test(cell(record, 'Buy/Sell')) || hasCode(cell(record, 'Notes/Codes'), 'Ca'))
      cancels.push(record);
    else {
      const execution = toExecution(record, FLEX, timeZone, warnings);
      warnMultiplier(warnings, execution, cell(record, 'Multiplier'), record.line);
      fills.push({ execution, transactionId: cell(record, 'TransactionID'), tradeId: cell(record, 'TradeID') });
    }
  });
  for (const cancel of cancels) {
    const index = cancelledFill(fills, cancel);
    ignored += index === -1 ? 1 : 2;
    if (index !== -1) fills.splice(index, 1);
    else {
      const ref = cell(cancel, 'OrigTradeID') || cell(cancel, 'OrigTransactionID') || '?';
      const message = `IBKR cancelled trade ${ref}, which is not in this file; if it was imported before, delete it by hand.`;
      warnings.list.push(issue(file, cancel.line, 'Buy/Sell', message));
    }
  }
  if (defaulted && fills.length > 0)
    warnings.list.push(issue(file, table.headerLine, 'DateTime', `times have no zone; read as ${DEFAULT_ZONE}`));
  return { executions: fills.map((fill) => fill.execution), ignored, errors, warnings: warnings.list };
}

// The trades table: rows under a header with the Flex trade fields, until another section's header.
function flexTradeRecords(rows: readonly CsvRow[]): { records: CsvRecord[]; headerLine: number } | null {
  const wanted = FLEX_REQUIRED.map(normalizeHeader);
  const records: CsvRecord[] = [];
  let columns: HeaderMap | null = null;
  let headerLine: number | null = null;
  let headerLead = '';
  for (const row of rows) {
    const lead = row.fields[0]?.trim() ?? '';
    if (FLEX_MARKERS.has(lead)) continue;
    const map = headerMap(row.fields);
    if (wanted.every((name) => map.has(name))) {
      columns = map;
      headerLine ??= row.line;
      headerLead = lead;
    } else if (lead === 'HEADER' || (lead !== '' && lead === headerLead)) {
      columns = null; // another section's header: its rows are not trades
    } else if (columns !== null && !isBlankRow(row.fields)) {
      records.push({ line: row.line, fields: row.fields, columns });
    }
  }
  return headerLine === null ? null : { records, headerLine };
}

/** The fill a cancellation voids: by transaction id, else the nearest earlier fill with its trade id. */
function cancelledFill(fills: readonly FlexFill[], cancel: CsvRecord): number {
  const transaction = cell(cancel, 'OrigTransactionID');
  const byTransaction = transaction === '' ? -1 : fills.findIndex((fill) => fill.transactionId === transaction);
  if (byTransaction !== -1) return byTransaction;
  const trade = cell(cancel, 'OrigTradeID');
  let best = -1;
  fills.forEach((fill, index) => {
    if (trade !== '' && fill.tradeId === trade && (best === -1 || fill.execution.line <= cancel.line)) best = index;
  });
  return best;
}

function toExecution(record: CsvRecord, layout: Layout, timeZone: string, warnings: Warnings): ParsedExecution {
  const category = cell(record, layout.category);
  const assetClass = hasColumn(record, layout.category) ? assetClassOf(category) : 'stock';
  if (assetClass === null)
    throw new RowError(
      layout.category,
      `${layout.category} "${category}" is not stocks, options, futures, forex or crypto`,
    );
  const signed = decimalCell(record, 'Quantity');
  const buySell = cell(record, 'Buy/Sell').toUpperCase();
  if (buySell !== '' && buySell !== 'BUY' && buySell !== 'SELL')
    throw new RowError('Buy/Sell', `Buy/Sell "${buySell}" is neither BUY nor SELL`);
  const side: ExecutionSide = buySell === 'BUY' || (buySell === '' && !signed.startsWith('-')) ? 'buy' : 'sell';
  const fees = layout.fees.map((column) => optionalDecimalCell(record, column));
  const execution: ParsedExecution = {
    brokerExecId: firstCell(record, ['IBExecID', 'TradeID', 'TransactionID']),
    orderId: firstCell(record, ['IBOrderID', 'OrderID']),
    account: cell(record, layout.account) || null,
    symbol: requiredCell(record, 'Symbol').toUpperCase(),
    assetClass,
    side,
    quantity: quantityCell(record, 'Quantity'),
    price: decimalCell(record, layout.price),
    fee: negateDecimal(addDecimals('0', ...fees)),
    currency: (cell(record, layout.currency) || cell(record, 'Currency')).toUpperCase() || null,
    executedAt: ibkrTime(record, timeZone),
    line: record.line,
  };
  const feeCurrency = layout.feeCurrency(record);
  if (feeCurrency !== '' && execution.currency !== null && feeCurrency !== execution.currency) {
    const message = `Commission for ${execution.symbol} is charged in ${feeCurrency} but the trade is in ${execution.currency}; the fee was imported unconverted.`;
    warnOnce(warnings, `c:${execution.symbol}`, record.line, layout.fees[0] ?? null, message);
  }
  return execution;
}

// Year-first only, as in the XML reader: Flex can also write MM/dd/yyyy or dd/MM/yyyy, which cannot be told apart.
function ibkrTime(record: CsvRecord, timeZone: string): number {
  const column = ['Date/Time', 'DateTime'].find((name) => hasColumn(record, name)) ?? 'TradeDate';
  const time = column === 'TradeDate' ? cell(record, 'TradeTime') : '';
  const text = time === '' ? cell(record, column) : `${cell(record, column)};${time}`;
  if (text !== '' && !/^\d{4}-?\d{2}-?\d{2}/.test(text))
    throw new RowError(column, `${column} "${text}" is not year-first (set the Flex date format to yyyyMMdd)`);
  return timeValue(text, column, timeZone);
}

// Statement category names ("Equity and Index Options", "Options On Futures") and Flex codes.
function assetClassOf(category: string): AssetClass | null {
  const name = category.toLowerCase();
  if (/options|^(?:opt|fop|fsfop)$/.test(name)) return 'option';
  if (name === 'stocks' || name === 'stk') return 'stock';
  if (name === 'futures' || name === 'fut') return 'future';
  if (name === 'forex' || name === 'cash') return 'forex';
  return name === 'crypto' ? 'crypto' : null;
}

// The P&L engine values every option at 100 per point; say so when IBKR's multiplier differs.
function warnMultiplier(warnings: Warnings, fill: ParsedExecution, multiplier: string, line: number): void {
  if (fill.assetClass !== 'option' || multiplier === '' || Number(multiplier) === 100) return;
  const message = `${fill.symbol} has a multiplier of ${multiplier}, but options are valued at 100 per point; check its P&L.`;
  warnOnce(warnings, `m:${fill.symbol}`, line, 'Multiplier', message);
}

/** IBKR joins codes with semicolons ("C;P"). */
function hasCode(codes: string, code: string): boolean {
  return codes.split(';').some((part) => part.trim() === code);
}

function firstCell(record: CsvRecord, columns: readonly string[]): string | null {
  return columns.map((column) => cell(record, column)).find((value) => value !== '') ?? null;
}
