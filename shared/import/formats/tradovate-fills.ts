/**
 * Tradovate's fill-level reports (Account Reports › Fills / Orders › Download CSV).
 *
 * Fills (`tradovate-fills`): one row per fill. Tradovate writes most fields twice, raw
 * (`_id`, `_orderId`, `_timestamp` in UTC, `_action` 0 = buy / 1 = sell, `_price` as a float
 * such as 4396.900000000001) and for display (`Fill ID`, `Timestamp` in the profile's zone,
 * ` Buy` with a leading space, `Price` rounded). Either set is read, display first except for
 * the time, where the UTC `_timestamp` wins. The symbol comes from `Contract` (`_contractId` is
 * a number). `_active` = false marks a busted fill (ignored). brokerExecId is the bare fill id,
 * the id the Performance and Position History reports pair (tradovate-pairs.ts), so a fill
 * imported from both reports is stored once.
 *
 * Orders (`tradovate-orders`): one row per order. A filled order becomes one execution at its
 * average fill price with brokerExecId `order:<id>` (an order id is not a fill id); Canceled,
 * Rejected and Expired orders are ignored unless part of them filled before. No commissions.
 *
 * Zone-less times are read in ctx.timeZone, else America/Chicago (see tradovate-pairs.ts).
 */
import { absDecimal, isZeroDecimal, parseDecimal } from '../numbers';
import { parseDateTimeText } from '../time';
import type { BrokerFormat, ImportIssue, ParseContext, ParseResult, ParsedExecution } from '../types';
import { ImportFormatError } from '../types';
import { bestHeaderRow, headerMap, normalizeHeader, parseCsv } from '../csv';
import {
  cell,
  decimalCell,
  issue,
  mapRecords,
  optionalDecimalCell,
  quantityCell,
  recordsBetween,
  requiredCell,
  resolveTimeZone,
  RowError,
  timeValue,
  type CsvRecord,
} from './csv-records';
import { TRADOVATE_DEFAULT_ZONE } from './tradovate-pairs';

/** Each field and the header names Tradovate uses for it, preferred first. */
type Aliases<K extends string> = Readonly<Record<K, readonly string[]>>;
type Columns<K extends string> = Record<K, string>;

const FILL_COLUMNS = {
  id: ['Fill ID', '_id'],
  symbol: ['Contract'],
  side: ['B/S', '_action'],
  quantity: ['Quantity', '_qty'],
  price: ['Price', '_price'],
  time: ['_timestamp', 'Timestamp'],
} as const satisfies Aliases<string>;
const ORDER_COLUMNS = {
  id: ['Order ID', 'orderId'],
  symbol: ['Contract'],
  side: ['B/S'],
  status: ['Status'],
  filled: ['Filled Qty', 'filledQty'],
  price: ['Avg Fill Price', 'avgPrice'],
  time: ['Fill Time'],
} as const satisfies Aliases<string>;
type OrderField = keyof typeof ORDER_COLUMNS;

const FINAL_UNFILLED = new Set(['canceled', 'cancelled', 'rejected', 'expired']);
// Floats printed in full ("4396.900000000001"); no contract trades below 1e-8.
const FLOAT_NOISE = /\.\d{9,}$/;

/** Tradovate Fills report CSV. */
export const tradovateFillsFormat: BrokerFormat = {
  id: 'tradovate-fills',
  label: 'Tradovate Fills report',
  streamable: true,
  detect: (sample) => detectAliases(sample, FILL_COLUMNS),
  parse: parseFills,
};

/** Tradovate Orders report CSV (one execution per filled order). */
export const tradovateOrdersFormat: BrokerFormat = {
  id: 'tradovate-orders',
  label: 'Tradovate Orders report',
  streamable: true,
  detect: (sample) => detectAliases(sample, ORDER_COLUMNS),
  parse: parseOrders,
};

function detectAliases<K extends string>(sample: string, aliases: Aliases<K>): number {
  const names = Object.values<readonly string[]>(aliases).flat();
  const { columns } = bestHeaderRow(sample, names);
  const groups = Object.values<readonly string[]>(aliases);
  const found = groups.filter((group) => group.some((name) => columns.has(normalizeHeader(name)))).length;
  return found === groups.length ? 0.95 : (found / groups.length) * 0.25;
}

/** The header row (among the first 100) with a name for every field, and which name each field uses. */
function readTable<K extends string>(text: string, ctx: ParseContext, aliases: Aliases<K>, label: string) {
  const { rows } = parseCsv(text);
  const keys = Object.keys(aliases) as K[];
  for (const [index, row] of rows.slice(0, 100).entries()) {
    const columns = headerMap(row.fields);
    const picked = keys.map((key) => aliases[key].find((name) => columns.has(normalizeHeader(name))));
    if (picked.some((name) => name === undefined)) continue;
    const names = Object.fromEntries(keys.map((key, i) => [key, picked[i] ?? ''])) as Columns<K>;
    const records = recordsBetween(rows, index + 1, rows.length, columns);
    return { names, records, headerLine: row.line };
  }
  const wanted = keys.map((key) => aliases[key].join(' or ')).join(', ');
  throw new ImportFormatError(ctx.fileName, rows[0]?.line ?? 1, `not a ${label}: no header row with ${wanted}`);
}

function parseFills(text: string, ctx: ParseContext): ParseResult {
  const { names, records, headerLine } = readTable(text, ctx, FILL_COLUMNS, 'Tradovate Fills report');
  const { timeZone, defaulted } = resolveTimeZone(ctx, TRADOVATE_DEFAULT_ZONE);
  const active = records.filter((record) => cell(record, '_active').toLowerCase() !== 'false');
  let zoneless = false;
  const { items, errors } = mapRecords(active, ctx.fileName, (record): ParsedExecution => {
    const time = cell(record, names.time) === '' ? 'Timestamp' : names.time;
    zoneless ||= !hasOffset(cell(record, time));
    return {
      brokerExecId: requiredCell(record, names.id),
      orderId: cell(record, 'Order ID') || cell(record, '_orderId') || null,
      account: cell(record, 'Account') || cell(record, '_accountId') || null,
      symbol: requiredCell(record, names.symbol).toUpperCase(),
      assetClass: 'future',
      side: sideOf(record, names.side),
      quantity: quantityCell(record, names.quantity),
      price: priceCell(record, names.price),
      // Futures commissions are never rebates: a minus sign is a debit written the accounting way.
      fee: absDecimal(optionalDecimalCell(record, 'commission')),
      currency: null,
      executedAt: timeValue(cell(record, time), time, timeZone),
      line: record.line,
    };
  });
  const warnings: ImportIssue[] = [];
  const file = ctx.fileName;
  if (items.length > 0 && !records.some((record) => record.columns.has('commission')))
    warnings.push(issue(file, headerLine, null, 'the file has no commission column; fees are set to 0'));
  if (items.length > 0 && zoneless && defaulted)
    warnings.push(issue(file, headerLine, 'Timestamp', `times have no zone; read as ${TRADOVATE_DEFAULT_ZONE}`));
  return { executions: items, ignored: records.length - active.length, errors, warnings };
}

function parseOrders(text: string, ctx: ParseContext): ParseResult {
  const { names, records, headerLine } = readTable(text, ctx, ORDER_COLUMNS, 'Tradovate Orders report');
  const { timeZone, defaulted } = resolveTimeZone(ctx, TRADOVATE_DEFAULT_ZONE);
  const file = ctx.fileName;
  const warnings: ImportIssue[] = [];
  let ignored = 0;
  const { items, errors } = mapRecords(records, file, (record) => {
    const status = cell(record, names.status).toLowerCase();
    const filled = parseDecimal(cell(record, names.filled));
    const partly = filled.ok && !isZeroDecimal(filled.value);
    if (status !== 'filled' && !(partly && FINAL_UNFILLED.has(status))) {
      ignored++;
      if (partly) warnings.push(issue(file, record.line, names.status, `order still ${status}; import it when done`));
      return null;
    }
    const execution = orderExecution(record, names, timeZone);
    if (status !== 'filled') {
      const message = `order ${execution.orderId ?? ''} was ${status} after ${execution.quantity} filled; imported what filled`;
      warnings.push(issue(file, record.line, names.status, message));
    }
    return execution;
  });
  const executions = items.filter((item) => item !== null);
  if (executions.length > 0) {
    const message =
      'the Orders report has one row per order at its average price and no commissions (fees are set to 0); ' +
      'import the Fills report instead for fills and fees, not both, or each order is counted twice';
    warnings.unshift(issue(file, headerLine, null, message));
    if (defaulted)
      warnings.push(issue(file, headerLine, names.time, `times have no zone; read as ${TRADOVATE_DEFAULT_ZONE}`));
  }
  return { executions, ignored, errors, warnings };
}

function orderExecution(record: CsvRecord, names: Columns<OrderField>, timeZone: string): ParsedExecution {
  const orderId = requiredCell(record, names.id);
  return {
    brokerExecId: `order:${orderId}`,
    orderId,
    account: cell(record, 'Account') || null,
    symbol: requiredCell(record, names.symbol).toUpperCase(),
    assetClass: 'future',
    side: sideOf(record, names.side),
    quantity: quantityCell(record, names.filled),
    price: priceCell(record, cell(record, names.price) === '' ? 'avgPrice' : names.price),
    fee: '0',
    currency: cell(record, 'Currency').toUpperCase() || null,
    executedAt: timeValue(cell(record, names.time), names.time, timeZone),
    line: record.line,
  };
}

function sideOf(record: CsvRecord, column: string): 'buy' | 'sell' {
  const text = requiredCell(record, column).toLowerCase();
  if (text === 'buy' || text === '0') return 'buy';
  if (text === 'sell' || text === '1') return 'sell';
  throw new RowError(column, `${column} "${cell(record, column)}" is not Buy or Sell`);
}

function priceCell(record: CsvRecord, column: string): string {
  const text = cell(record, column);
  if (!FLOAT_NOISE.test(text)) return decimalCell(record, column);
  const rounded = parseDecimal(Number(text).toFixed(8));
  if (!rounded.ok) throw new RowError(column, `${column}: ${rounded.error}`);
  return rounded.value;
}

function hasOffset(text: string): boolean {
  const parsed = parseDateTimeText(text);
  return parsed.ok && parsed.value.offsetMinutes !== null;
}
