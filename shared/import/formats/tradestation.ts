/**
 * TradeStation order history CSV (TradeManager › Orders, exported from the desktop platform or
 * the web). One row per order; a filled order is one fill of its filled quantity at its average
 * fill price, at the Filled time, with the order number as its id. Decisions:
 * - Filled quantity comes from "Filled Qty" (also "Qty Filled"); a file without that column
 *   counts Qty for Filled orders. Orders with nothing filled (Canceled, Rejected, Expired,
 *   Received…) are ignored; a canceled order that filled in part is imported for its filled part.
 * - A still-working partial fill ("Partial Fill", "Partial Fill (Alive)") is imported with a
 *   warning: later fills of the same order number will be taken as the same fill.
 * - Symbols: "@ESH25" and "ESH25" are futures (the "@" is dropped), "AAPL 250117C190" an
 *   option, anything else a stock. Prices and commissions are USD.
 * - Commission is a charge whatever its sign in the file: fee = |Commission|.
 * - Times have no zone: they are read as US Eastern time, with a warning, since the platform
 *   can be set to show another zone; ctx.timeZone wins when given.
 */
import { parseFuturesSymbol, parseOptionSymbol } from '../../domain/instruments';
import type { AssetClass, ExecutionSide } from '../../domain/types';
import { headerMap, normalizeHeader, parseCsv, type HeaderMap } from '../csv';
import { absDecimal, isZeroDecimal } from '../numbers';
import {
  ImportFormatError,
  type BrokerFormat,
  type ParseContext,
  type ParseResult,
  type ParsedExecution,
} from '../types';
import {
  cell,
  decimalCell,
  issue,
  optionalDecimalCell,
  recordsBetween,
  requiredCell,
  resolveTimeZone,
  RowError,
  timeValue,
  type CsvRecord,
} from './csv-records';

const DEFAULT_ZONE = 'America/New_York';
// Each field and the header names TradeStation has used for it, preferred first.
const FIELDS = {
  order: ['Order #', 'Order ID', 'Order Number', 'Order No'],
  symbol: ['Symbol'],
  side: ['Side', 'Buy/Sell', 'Action'],
  status: ['Status'],
  price: ['Avg Fill Price', 'Fill Price', 'Avg Price', 'Filled Price'],
  filledAt: ['Filled', 'Filled Time', 'Fill Time', 'Filled Date/Time'],
  filledQty: ['Filled Qty', 'Qty Filled', 'Filled Quantity'],
  qty: ['Qty', 'Quantity'],
  commission: ['Commission', 'Comm'],
  account: ['Account', 'Account #', 'Account Number'],
} as const;
type Field = keyof typeof FIELDS;
const REQUIRED: readonly Field[] = ['order', 'symbol', 'side', 'status', 'price', 'filledAt'];
const DISTINCTIVE = ['Routing', 'Entered', 'Duration', 'Type', 'Limit Price', 'Stop Price', 'Account', 'Commission'];

type Columns = Partial<Record<Field, string>>;

/** TradeStation order history CSV. */
export const tradestationFormat: BrokerFormat = {
  id: 'tradestation',
  label: 'TradeStation orders',
  detect(sample) {
    const { rows } = parseCsv(sample.split(/\r?\n/, 200).join('\n'));
    let best = 0;
    for (const row of rows) {
      const header = headerMap(row.fields);
      const columns = resolveColumns(header);
      const found = REQUIRED.filter((field) => columns[field] !== undefined).length + (hasQuantity(columns) ? 1 : 0);
      if (found < REQUIRED.length + 1) {
        best = Math.max(best, (found / (REQUIRED.length + 1)) * 0.25);
        continue;
      }
      const distinctive = DISTINCTIVE.filter((name) => header.has(normalizeHeader(name))).length;
      return distinctive * 2 >= DISTINCTIVE.length ? 0.95 : 0.6;
    }
    return best;
  },
  parse: parseTradeStation,
};

function parseTradeStation(text: string, ctx: ParseContext): ParseResult {
  const { rows } = parseCsv(text);
  const headerIndex = rows.slice(0, 100).findIndex((row) => {
    const columns = resolveColumns(headerMap(row.fields));
    return REQUIRED.every((field) => columns[field] !== undefined) && hasQuantity(columns);
  });
  const headerRow = rows[headerIndex];
  if (headerRow === undefined) {
    throw new ImportFormatError(
      ctx.fileName,
      rows[0]?.line ?? 1,
      'not a TradeStation orders file: no header row with Order #, Symbol, Side, Status, Filled Qty, Avg Fill Price and Filled',
    );
  }
  const header = headerMap(headerRow.fields);
  const columns = resolveColumns(header);
  const { timeZone, defaulted } = resolveTimeZone(ctx, DEFAULT_ZONE);
  const result: ParseResult = { executions: [], ignored: 0, errors: [], warnings: [] };
  const warn = (line: number, column: string | null, message: string) =>
    result.warnings.push(issue(ctx.fileName, line, column, message));
  if (defaulted) {
    warn(
      1,
      null,
      'TradeStation times have no zone and were read as US Eastern time (America/New_York); if your platform shows another zone, import again with that zone.',
    );
  }
  const warnedSymbols = new Set<string>();
  for (const record of recordsBetween(rows, headerIndex + 1, rows.length, header)) {
    try {
      const execution = readOrder(record, columns, timeZone);
      if (execution === null) {
        result.ignored++;
        continue;
      }
      result.executions.push(execution);
      const status = cell(record, col(columns, 'status'));
      if (/^partial/i.test(status) && !/urout|cancel/i.test(status)) {
        warn(
          record.line,
          col(columns, 'status'),
          `order ${execution.orderId ?? ''} was still working (${status}): its ${execution.quantity} filled so far were imported; fills after this export will not be added by importing the order again.`,
        );
      }
      const raw = cell(record, col(columns, 'symbol')).toUpperCase();
      if (raw.startsWith('@') && parseFuturesSymbol(execution.symbol) === null && !warnedSymbols.has(raw)) {
        warnedSymbols.add(raw);
        warn(
          record.line,
          col(columns, 'symbol'),
          `${raw} is a continuous contract; the file does not say which month filled.`,
        );
      }
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      result.errors.push(issue(ctx.fileName, record.line, error.column, error.message));
    }
  }
  return result;
}

/** One order row: its fill, or null when nothing of it filled. */
function readOrder(record: CsvRecord, columns: Columns, timeZone: string): ParsedExecution | null {
  const status = cell(record, col(columns, 'status'));
  const filledColumn = columns.filledQty;
  let filled: string;
  if (filledColumn !== undefined) filled = absDecimal(optionalDecimalCell(record, filledColumn));
  else filled = /^filled/i.test(status) ? absDecimal(decimalCell(record, col(columns, 'qty'))) : '0';
  if (isZeroDecimal(filled)) {
    if (/^filled/i.test(status)) throw new RowError(filledColumn ?? null, `order is ${status} but no quantity filled`);
    return null;
  }
  const symbolText = requiredCell(record, col(columns, 'symbol')).toUpperCase();
  const symbol = symbolText.replace(/^@/, '');
  const priceColumn = col(columns, 'price');
  if (cell(record, priceColumn) === '') throw new RowError(priceColumn, `${priceColumn} is empty`);
  const commission = columns.commission === undefined ? '0' : optionalDecimalCell(record, columns.commission);
  const filledAt = col(columns, 'filledAt');
  return {
    brokerExecId: requiredCell(record, col(columns, 'order')),
    orderId: cell(record, col(columns, 'order')),
    account: columns.account === undefined ? null : cell(record, columns.account) || null,
    symbol,
    assetClass: assetClassOf(symbolText),
    side: sideOf(cell(record, col(columns, 'side')), col(columns, 'side')),
    quantity: filled,
    price: decimalCell(record, priceColumn),
    fee: absDecimal(commission),
    currency: 'USD',
    executedAt: timeValue(cell(record, filledAt), filledAt, timeZone, 'mdy'),
    line: record.line,
  };
}

function sideOf(text: string, column: string): ExecutionSide {
  // Buy, Buy to Cover, Buy to Open/Close; Sell, Sell Short, Sell to Open/Close.
  if (/^buy\b/i.test(text)) return 'buy';
  if (/^sell\b/i.test(text)) return 'sell';
  throw new RowError(column, `${column} "${text}" is not a buy or a sell`);
}

function assetClassOf(symbol: string): AssetClass {
  if (parseOptionSymbol(symbol) !== null) return 'option';
  if (symbol.startsWith('@') || parseFuturesSymbol(symbol) !== null) return 'future';
  return 'stock';
}

/** The header name present for each field, trying its names in order. */
function resolveColumns(header: HeaderMap): Columns {
  const columns: Columns = {};
  for (const [field, names] of Object.entries(FIELDS) as [Field, readonly string[]][]) {
    const name = names.find((candidate) => header.has(normalizeHeader(candidate)));
    if (name !== undefined) columns[field] = name;
  }
  return columns;
}

function hasQuantity(columns: Columns): boolean {
  return columns.filledQty !== undefined || columns.qty !== undefined;
}

/** A field's column; only called for fields the header was checked to have. */
function col(columns: Columns, field: Field): string {
  return columns[field] ?? FIELDS[field][0];
}
