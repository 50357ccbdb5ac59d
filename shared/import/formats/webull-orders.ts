/**
 * Webull orders CSV (desktop Orders › Export, or the mobile app's order history export): one row
 * per order, stocks and options in separate files with the same columns. A filled or partly filled
 * order is one execution of its Filled quantity at its Avg Price, at Filled Time; an order that
 * filled nothing (Cancelled, Failed, Pending...) is counted as ignored. In the options export a
 * multi-leg order has a summary row (Name "AAPL Vertical", no Symbol) above one row per leg: the
 * legs are the fills, the summary is ignored.
 *
 * Times carry a US zone abbreviation ("01/02/2025 09:31:05 EST"), read as that fixed offset; a
 * time without one is read in ctx.timeZone, else America/New_York (a warning says so). The export
 * has no fees (a warning says so) and no order id. brokerExecId stays null rather than an id made
 * from symbol, time, side and quantity: the importer already keys id-less fills by their content
 * plus their occurrence in the file, which keeps two identical orders filled in the same second
 * as two, where a made-up id would merge them.
 */
import type { ExecutionSide } from '../../domain/types';
import { parseOptionSymbol } from '../../domain/instruments';
import { isZeroDecimal, parseDecimal } from '../numbers';
import { parseDateTimeText } from '../time';
import type { BrokerFormat, ImportIssue, ParseContext, ParseResult, ParsedExecution } from '../types';
import {
  cell,
  detectByHeader,
  issue,
  mapRecords,
  quantityCell,
  readRecords,
  requiredCell,
  resolveTimeZone,
  RowError,
  timeValue,
  type CsvRecord,
} from './csv-records';

const DEFAULT_ZONE = 'America/New_York';
const REQUIRED = ['Symbol', 'Side', 'Status', 'Filled', 'Avg Price', 'Filled Time'];
const DISTINCTIVE = ['Name', 'Total Qty', 'Price', 'Time-in-Force', 'Placed Time'];
const SIDES = new Map<string, ExecutionSide>([
  ['buy', 'buy'],
  ['buy to cover', 'buy'],
  ['sell', 'sell'],
  ['short', 'sell'],
  ['sell short', 'sell'],
]);
// Webull writes limit and average prices with an "@" ("@185.50").
const AT_SIGN = /^@\s*/;

/** Webull orders CSV (stock or option orders). */
export const webullOrdersFormat: BrokerFormat = {
  id: 'webull-orders',
  label: 'Webull orders',
  streamable: true,
  detect: (sample) => detectByHeader(sample, REQUIRED, DISTINCTIVE),
  parse: parseWebull,
};

function parseWebull(text: string, ctx: ParseContext): ParseResult {
  const file = ctx.fileName;
  const { headerLine, records } = readRecords(text, ctx, REQUIRED, 'Webull orders');
  const { timeZone, defaulted } = resolveTimeZone(ctx, DEFAULT_ZONE);
  const warnings: ImportIssue[] = [];
  let zoneless = false;
  const { items, errors } = mapRecords(records, file, (record) => {
    if (!isFill(record)) return null;
    const total = parseDecimal(cell(record, 'Total Qty'));
    const execution = toExecution(record, timeZone);
    zoneless ||= !hasOffset(cell(record, 'Filled Time'));
    if (cell(record, 'Status').toLowerCase() !== 'filled') {
      const of = total.ok ? ` of ${total.value}` : '';
      const message = `order ${cell(record, 'Status')}: imported the ${execution.quantity}${of} that filled`;
      warnings.push(issue(file, record.line, 'Filled', message));
    }
    return execution;
  });
  const executions = items.filter((item) => item !== null);
  if (executions.length > 0) {
    warnings.unshift(
      issue(file, headerLine, null, "Webull's order export has no fees or commissions; fees are set to 0"),
    );
    if (zoneless && defaulted)
      warnings.push(issue(file, headerLine, 'Filled Time', `times have no zone; read as ${DEFAULT_ZONE}`));
  }
  return { executions, ignored: items.length - executions.length, errors, warnings };
}

// A row is a fill when something filled; a multi-leg summary (no Symbol) is not, its legs are.
function isFill(record: CsvRecord): boolean {
  if (cell(record, 'Symbol') === '' && cell(record, 'Name') !== '') return false;
  const status = cell(record, 'Status').toLowerCase();
  const filled = parseDecimal(cell(record, 'Filled'));
  if (status === 'filled') return true;
  return filled.ok && !isZeroDecimal(filled.value);
}

function toExecution(record: CsvRecord, timeZone: string): ParsedExecution {
  const symbol = requiredCell(record, 'Symbol').toUpperCase();
  return {
    brokerExecId: null,
    orderId: null,
    account: null,
    symbol,
    assetClass: parseOptionSymbol(symbol) === null ? 'stock' : 'option',
    side: sideOf(requiredCell(record, 'Side')),
    quantity: quantityCell(record, 'Filled'),
    price: priceCell(record),
    fee: '0',
    currency: null,
    executedAt: timeValue(cell(record, 'Filled Time'), 'Filled Time', timeZone),
    line: record.line,
  };
}

function priceCell(record: CsvRecord): string {
  const text = cell(record, 'Avg Price').replace(AT_SIGN, '');
  if (text === '') throw new RowError('Avg Price', 'Avg Price is empty');
  const parsed = parseDecimal(text);
  if (!parsed.ok) throw new RowError('Avg Price', `Avg Price: ${parsed.error}`);
  return parsed.value;
}

function sideOf(side: string): ExecutionSide {
  const found = SIDES.get(side.trim().toLowerCase());
  if (found === undefined) throw new RowError('Side', `Side "${side}" is not Buy, Sell or Short`);
  return found;
}

function hasOffset(text: string): boolean {
  const parsed = parseDateTimeText(text);
  return parsed.ok && parsed.value.offsetMinutes !== null;
}
