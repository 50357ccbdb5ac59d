import { z } from 'zod';
import type { AssetClass, ExecutionSide } from '../../domain/types';
import { findHeaderRow, isBlankRow, parseCsv } from '../csv';
import { addDecimals, negateDecimal } from '../numbers';
import { isValidTimeZone, parseBrokerTime, parseDateTimeText, type DateOrder } from '../time';
import { ImportFormatError, type BrokerFormat, type ParseContext, type ParseResult } from '../types';
import {
  cell,
  decimalCell,
  detectByHeader,
  issue,
  mapRecords,
  optionalDecimalCell,
  quantityCell,
  recordsBetween,
  requiredCell,
  RowError,
  type CsvRecord,
} from './csv-records';

/**
 * A CSV format described by a column mapping the trader picks (saved by the UI as a preset),
 * for brokers with no dedicated reader. Columns are named by header text, matched
 * case-insensitively; the header may sit below a few title lines.
 */

/**
 * Date layouts a mapping can name. '-', '/' and '.' separate year-first dates alike; the time
 * part (h:mm[:ss][.fff] [AM/PM] [offset]) is free, and an offset in the cell beats the zone.
 */
export const GENERIC_DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYYMMDD',
  'MM/DD/YYYY',
  'DD/MM/YYYY',
  'DD.MM.YYYY',
  'unix-seconds',
  'unix-milliseconds',
] as const;
export type GenericDateFormat = (typeof GENERIC_DATE_FORMATS)[number];

function words(list: string): string[] {
  return list.split('|');
}

/** Side texts read as buy / sell unless a mapping lists its own (compared upper-cased). */
export const DEFAULT_BUY_VALUES: readonly string[] = words(
  'B|BUY|BOT|BOUGHT|BC|BTO|BTC|BUY TO OPEN|BUY TO CLOSE|BUY TO COVER|COVER',
);
export const DEFAULT_SELL_VALUES: readonly string[] = words(
  'S|SELL|SLD|SOLD|SS|STO|STC|SELL SHORT|SELL TO OPEN|SELL TO CLOSE|SHORT',
);

const column = z.string().trim().min(1);
const assetClass = z.enum(['stock', 'future', 'option', 'crypto', 'forex']);

/** The JSON shape of a saved mapping; unknown keys are dropped, defaults filled in. */
export const genericCsvMappingSchema = z.object({
  version: z.literal(1).default(1),
  delimiter: z.enum(['auto', ',', ';', '\t']).default('auto'),
  /** "1.234,56" style numbers. */
  decimalComma: z.boolean().default(false),
  /** One column with date and time, or a date column and a time column. */
  dateTime: z.union([z.object({ column }), z.object({ dateColumn: column, timeColumn: column })]),
  dateFormat: z.enum(GENERIC_DATE_FORMATS),
  /** Zone of times written without an offset; the import's own zone wins when set. */
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone').optional(),
  symbol: column,
  /** null: the side is the sign of the quantity (negative = sell). */
  sideColumn: column.nullable(),
  buyValues: z.array(z.string().trim().min(1)).default(() => [...DEFAULT_BUY_VALUES]),
  sellValues: z.array(z.string().trim().min(1)).default(() => [...DEFAULT_SELL_VALUES]),
  quantity: column,
  price: column,
  /** Fee columns, summed. */
  fees: z.array(column).default([]),
  feeSign: z.enum(['positive-is-cost', 'negative-is-cost']).default('positive-is-cost'),
  orderId: column.nullable().default(null),
  execId: column.nullable().default(null),
  account: column.nullable().default(null),
  assetClass: z.union([z.object({ column }), z.object({ fixed: assetClass })]),
  currency: z
    .union([z.object({ column }), z.object({ fixed: z.string().regex(/^[A-Z]{3}$/) })])
    .nullable()
    .default(null),
});

/** A validated mapping, defaults filled in. */
export type GenericCsvMapping = z.output<typeof genericCsvMappingSchema>;
/** A mapping as saved or typed: optional fields may be left out. */
export type GenericCsvMappingInput = z.input<typeof genericCsvMappingSchema>;

/** Validates a saved preset: the mapping, or a message naming the first bad field. */
export function parseGenericCsvMapping(
  value: unknown,
): { ok: true; mapping: GenericCsvMapping } | { ok: false; error: string } {
  const parsed = genericCsvMappingSchema.safeParse(value);
  if (parsed.success) return { ok: true, mapping: parsed.data };
  const first = parsed.error.issues[0];
  return { ok: false, error: first ? `${first.path.join('.') || 'mapping'}: ${first.message}` : 'invalid mapping' };
}

const ASSET_ALIASES = new Map<string, AssetClass>([
  ...words('STK|STOCK|STOCKS|EQUITY|ETF|SHARE|SHARES').map((w) => [w, 'stock'] as const),
  ...words('FUT|FUTURE|FUTURES').map((w) => [w, 'future'] as const),
  ...words('OPT|OPTION|OPTIONS').map((w) => [w, 'option'] as const),
  ...words('CRYPTO|CRYPTOCURRENCY').map((w) => [w, 'crypto'] as const),
  ...words('FX|FOREX|CASH|CURRENCY').map((w) => [w, 'forex'] as const),
]);

/** Builds a format from a mapping; throws a ZodError when the mapping is invalid (see parseGenericCsvMapping). */
export function createGenericCsvFormat(input: GenericCsvMappingInput, id = 'generic-csv-custom'): BrokerFormat {
  const mapping = genericCsvMappingSchema.parse(input);
  const required = mappedColumns(mapping);
  return {
    id,
    label: 'CSV with a custom column mapping',
    // Every choice is in the mapping, so blocks of rows parse the same as the whole file.
    streamable: true,
    detect: (sample) => detectByHeader(sample, required),
    parse: (text, ctx) => parseWithMapping(text, ctx, mapping),
  };
}

/** Every header the mapping needs. */
function mappedColumns(m: GenericCsvMapping): string[] {
  const columns = [m.symbol, m.quantity, m.price, ...m.fees];
  if ('column' in m.dateTime) columns.push(m.dateTime.column);
  else columns.push(m.dateTime.dateColumn, m.dateTime.timeColumn);
  for (const optional of [m.sideColumn, m.orderId, m.execId, m.account]) if (optional !== null) columns.push(optional);
  if ('column' in m.assetClass) columns.push(m.assetClass.column);
  if (m.currency !== null && 'column' in m.currency) columns.push(m.currency.column);
  return [...new Set(columns)];
}

function parseWithMapping(text: string, ctx: ParseContext, m: GenericCsvMapping): ParseResult {
  const file = ctx.fileName;
  const zone = ctx.timeZone ?? m.timeZone ?? 'UTC';
  if (!isValidTimeZone(zone)) throw new ImportFormatError(file, 1, `unknown time zone "${zone}"`);
  const { rows } = parseCsv(text, m.delimiter === 'auto' ? {} : { delimiter: m.delimiter });
  const required = mappedColumns(m);
  const header = findHeaderRow(rows, required);
  if (header === null) {
    throw new ImportFormatError(
      file,
      rows[0]?.line ?? 1,
      `no header row has all mapped columns: ${required.join(', ')}`,
    );
  }
  const records = recordsBetween(rows, header.index + 1, rows.length, header.columns);
  const style = { decimalSeparator: m.decimalComma ? ',' : '.' } as const;
  const buy = new Set(m.buyValues.map((v) => v.toUpperCase()));
  const sell = new Set(m.sellValues.map((v) => v.toUpperCase()));
  const readSide = (record: CsvRecord): ExecutionSide => {
    if (m.sideColumn === null) return decimalCell(record, m.quantity, style).startsWith('-') ? 'sell' : 'buy';
    const value = requiredCell(record, m.sideColumn).toUpperCase();
    if (buy.has(value)) return 'buy';
    if (sell.has(value)) return 'sell';
    throw new RowError(m.sideColumn, `${m.sideColumn}: "${value}" is not a known buy or sell value`);
  };
  const { items, errors } = mapRecords(records, file, (record) => {
    const fees = m.fees.map((name) => optionalDecimalCell(record, name, style));
    const feeTotal = addDecimals('0', ...fees);
    return {
      brokerExecId: optionalText(record, m.execId),
      orderId: optionalText(record, m.orderId),
      account: optionalText(record, m.account),
      symbol: requiredCell(record, m.symbol).toUpperCase(),
      assetClass: readAssetClass(record, m),
      side: readSide(record),
      quantity: quantityCell(record, m.quantity, style),
      price: decimalCell(record, m.price, style),
      fee: m.feeSign === 'positive-is-cost' ? feeTotal : negateDecimal(feeTotal),
      currency:
        m.currency === null
          ? null
          : 'fixed' in m.currency
            ? m.currency.fixed
            : (optionalText(record, m.currency.column)?.toUpperCase() ?? null),
      executedAt: readTime(record, m, zone),
      line: record.line,
    };
  });
  const warnings =
    ctx.timeZone === undefined && m.timeZone === undefined && items.length > 0
      ? [
          issue(
            file,
            rows[header.index]?.line ?? 1,
            null,
            'No time zone was set for this file; times without an offset were read as UTC.',
          ),
        ]
      : [];
  return { executions: items, ignored: 0, errors, warnings };
}

function optionalText(record: CsvRecord, name: string | null): string | null {
  if (name === null) return null;
  const value = cell(record, name);
  return value === '' ? null : value;
}

function readAssetClass(record: CsvRecord, m: GenericCsvMapping): AssetClass {
  if ('fixed' in m.assetClass) return m.assetClass.fixed;
  const value = requiredCell(record, m.assetClass.column);
  const found = ASSET_ALIASES.get(value.toUpperCase());
  if (found === undefined)
    throw new RowError(m.assetClass.column, `${m.assetClass.column}: "${value}" is not a known asset class`);
  return found;
}

const DATE_SHAPES: Record<Exclude<GenericDateFormat, `unix-${string}`>, { shape: RegExp; order: DateOrder }> = {
  'YYYY-MM-DD': { shape: /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)/, order: 'mdy' },
  YYYYMMDD: { shape: /^\d{8}(?!\d)/, order: 'mdy' },
  'MM/DD/YYYY': { shape: /^\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})(?!\d)/, order: 'mdy' },
  'DD/MM/YYYY': { shape: /^\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})(?!\d)/, order: 'dmy' },
  'DD.MM.YYYY': { shape: /^\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\d)/, order: 'dmy' },
};

function readTime(record: CsvRecord, m: GenericCsvMapping, zone: string): number {
  const split = 'dateColumn' in m.dateTime;
  const dateColumn = 'dateColumn' in m.dateTime ? m.dateTime.dateColumn : m.dateTime.column;
  const date = requiredCell(record, dateColumn);
  if (m.dateFormat === 'unix-seconds' || m.dateFormat === 'unix-milliseconds') {
    if (!/^\d+(?:\.\d+)?$/.test(date)) throw new RowError(dateColumn, `${dateColumn}: "${date}" is not a Unix time`);
    return Math.round(Number(date) * (m.dateFormat === 'unix-seconds' ? 1000 : 1));
  }
  const { shape, order } = DATE_SHAPES[m.dateFormat];
  if (!shape.test(date)) throw new RowError(dateColumn, `${dateColumn}: "${date}" is not a ${m.dateFormat} date`);
  const timeColumn = 'timeColumn' in m.dateTime ? m.dateTime.timeColumn : dateColumn;
  const text = split ? `${date} ${requiredCell(record, timeColumn)}` : date;
  const parsed = parseBrokerTime(text, { timeZone: zone, dateOrder: order });
  if (parsed.ok) return parsed.value;
  // Blame the time column only when the date alone reads fine.
  const blame = split && parseDateTimeText(date, order).ok ? timeColumn : dateColumn;
  throw new RowError(blame, `${blame}: ${parsed.error}`);
}

/** A guessed mapping: complete when `missing` is empty, else a start for the trader to finish. */
export type GenericCsvSuggestion = { mapping: Partial<GenericCsvMappingInput>; missing: string[] };

// Header names seen in broker exports, normalised (lower case, single spaces), best first.
const NAMES = {
  dateTime: words(
    'date/time|datetime|date time|timestamp|executed at|filled at|execution time|exec time|fill time|trade time|transaction time|time|date',
  ),
  date: words('date|trade date|t/d|exec date|execution date|fill date|transaction date'),
  time: words('time|exec time|execution time|trade time|fill time|transaction time'),
  symbol: words('symbol|ticker|instrument|contract|contract name|contractname|security|asset|item|market'),
  side: words('side|action|buy/sell|b/s|direction|order side|transaction type|trade type'),
  quantity: words('quantity|qty|shares|contracts|size|lots|volume|filled qty|fill qty|exec qty'),
  price: words(
    'price|fill price|exec price|execution price|trade price|avg price|avg. price|average price|filled price',
  ),
  fees: words(
    'commission|commissions|comm|fee|fees|commission & fees|commissions & fees|misc fees|sec|taf|nscc|ecn fee|ecn remove|ecn add|exchange fee|exchange fees|clearing fee|clearing fees|nfa fee|regulatory fee|reg fee',
  ),
  orderId: words('order id|orderid|order #|order number|order no|order'),
  execId: words('exec id|execution id|fill id|trade id|transaction id|execid|fillid|deal id|ticket|id'),
  account: words('account|account id|account number|account name|acct'),
  assetClass: words('asset class|asset type|asset category|security type|sec type|instrument type'),
  currency: words('currency|ccy'),
};

/** Guesses a mapping from header names; sample rows (optional) refine the date format and decimal comma. */
export function suggestGenericMapping(
  headers: readonly string[],
  sampleRows: readonly (readonly string[])[] = [],
): GenericCsvSuggestion {
  const byName = new Map<string, string>();
  for (const header of headers) {
    const name = header.trim().replace(/\s+/g, ' ').toLowerCase();
    if (name !== '' && !byName.has(name)) byName.set(name, header.trim());
  }
  const taken = new Set<string>();
  const pick = (names: readonly string[]): string | null => {
    for (const name of names) {
      const header = byName.get(name);
      if (header !== undefined && !taken.has(header)) {
        taken.add(header);
        return header;
      }
    }
    return null;
  };
  const mapping: Partial<GenericCsvMappingInput> = {};
  const missing: string[] = [];
  const dateColumn = pick(NAMES.date);
  const timeColumn = dateColumn === null ? null : pick(NAMES.time);
  if (dateColumn !== null && timeColumn !== null) mapping.dateTime = { dateColumn, timeColumn };
  else {
    if (dateColumn !== null) taken.delete(dateColumn);
    const combined = pick(NAMES.dateTime);
    if (combined !== null) mapping.dateTime = { column: combined };
    else missing.push('dateTime');
  }
  for (const field of ['symbol', 'quantity', 'price'] as const) {
    const found = pick(NAMES[field]);
    if (found !== null) mapping[field] = found;
    else missing.push(field);
  }
  mapping.sideColumn = pick(NAMES.side);
  const feeNames = new Set(NAMES.fees);
  mapping.fees = [...byName].filter(([name, header]) => feeNames.has(name) && !taken.has(header)).map(([, h]) => h);
  mapping.orderId = pick(NAMES.orderId);
  mapping.execId = pick(NAMES.execId);
  mapping.account = pick(NAMES.account);
  const assetColumn = pick(NAMES.assetClass);
  mapping.assetClass = assetColumn === null ? { fixed: 'stock' } : { column: assetColumn };
  const currencyColumn = pick(NAMES.currency);
  mapping.currency = currencyColumn === null ? null : { column: currencyColumn };
  const index = (header: string | undefined): number =>
    header === undefined ? -1 : headers.findIndex((h) => h.trim() === header);
  const firstDate =
    mapping.dateTime === undefined
      ? -1
      : index('column' in mapping.dateTime ? mapping.dateTime.column : mapping.dateTime.dateColumn);
  mapping.dateFormat = guessDateFormat(sampleRows.map((row) => (row[firstDate] ?? '').trim()).filter((v) => v !== ''));
  const priceIndex = index(mapping.price);
  mapping.decimalComma = sampleRows.some((row) => /^-?\d+,\d+$/.test((row[priceIndex] ?? '').trim()));
  // Without a side column the quantity's sign is the side; unsigned quantities would all read as buys.
  const quantityIndex = index(mapping.quantity);
  const signed = sampleRows.some((row) => /^\s*[-(]/.test(row[quantityIndex] ?? ''));
  if (mapping.sideColumn === null && mapping.quantity !== undefined && !signed) missing.push('side');
  return { mapping, missing };
}

function guessDateFormat(values: readonly string[]): GenericDateFormat {
  const first = values[0] ?? '';
  if (/^\d{13}$/.test(first)) return 'unix-milliseconds';
  if (/^\d{10}(?:\.\d+)?$/.test(first)) return 'unix-seconds';
  if (/^\d{8}(?!\d)/.test(first)) return 'YYYYMMDD';
  if (/^\d{1,2}\.\d{1,2}\.\d{2,4}/.test(first)) return 'DD.MM.YYYY';
  if (/^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}/.test(first)) {
    // Day-first only when some value could not be month-first (a first part above 12).
    return values.some((v) => Number(/^(\d{1,2})/.exec(v)?.[1] ?? 0) > 12) ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
  }
  return 'YYYY-MM-DD';
}

// Guessing needs only the header and a few rows; a partly cut last row does no harm.
const SAMPLE_CHARS = 65_536;

/** Any CSV whose header names are common enough to guess a mapping; a low-confidence fallback. */
export const genericCsvFormat: BrokerFormat = {
  id: 'generic-csv',
  label: 'CSV (columns guessed from the header)',
  detect(sample) {
    const table = headerAndSample(sample.slice(0, SAMPLE_CHARS));
    // Kept below 0.5 so any dedicated reader that recognises the file wins.
    return table !== null && suggestGenericMapping(table.header, table.rows).missing.length === 0 ? 0.3 : 0;
  },
  parse(text, ctx) {
    const table = headerAndSample(text.slice(0, SAMPLE_CHARS));
    const suggestion = table === null ? null : suggestGenericMapping(table.header, table.rows);
    if (suggestion === null || suggestion.missing.length > 0) {
      const missing = suggestion?.missing.join(', ') ?? 'every column';
      throw new ImportFormatError(ctx.fileName, 1, `cannot guess the columns for ${missing}; map them by hand`);
    }
    const valid = parseGenericCsvMapping(suggestion.mapping);
    if (!valid.ok)
      throw new ImportFormatError(
        ctx.fileName,
        1,
        `the guessed column mapping is not usable (${valid.error}); map the columns by hand`,
      );
    const m = valid.mapping;
    const result = createGenericCsvFormat(m, 'generic-csv').parse(text, ctx);
    const guessed = `symbol ← "${m.symbol}", quantity ← "${m.quantity}", price ← "${m.price}", side ← ${m.sideColumn === null ? 'sign of quantity' : `"${m.sideColumn}"`}, date format ${m.dateFormat}, asset class ${JSON.stringify(m.assetClass)}`;
    result.warnings.unshift(
      issue(ctx.fileName, 1, null, `Columns were guessed from the header: ${guessed}. Check them, or save a mapping.`),
    );
    return result;
  },
};

/** The first non-blank row as the header and the rows after it. */
function headerAndSample(text: string, sampleRows = 20): { header: string[]; rows: string[][] } | null {
  const { rows } = parseCsv(text);
  const start = rows.findIndex((row) => !isBlankRow(row.fields));
  const header = rows[start];
  if (header === undefined) return null;
  return { header: header.fields, rows: rows.slice(start + 1, start + 1 + sampleRows).map((row) => row.fields) };
}
