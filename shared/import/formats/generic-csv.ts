import { z } from 'zod';
import {
  DEFAULT_BUY_VALUES,
  DEFAULT_SELL_VALUES,
  GENERIC_DATE_FORMATS,
  words,
  type GenericDateFormat,
} from './generic-csv-constants';
import { suggestGenericMapping } from './generic-csv-guess';
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

export {
  DEFAULT_BUY_VALUES,
  DEFAULT_SELL_VALUES,
  GENERIC_DATE_FORMATS,
  type GenericDateFormat,
} from './generic-csv-constants';
export { suggestGenericMapping, type GenericCsvSuggestion } from './generic-csv-guess';

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
