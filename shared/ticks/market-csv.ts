/**
 * Market data files: tick prints (symbol, time, price, size) and OHLC bars (time, open,
 * high, low, close, volume[, symbol]). Pure; rows are independent, so the core may feed a
 * large file in blocks of whole rows with the header line in front.
 */
import { isBlankRow, normalizeHeader, parseCsv, type HeaderMap } from '../import/csv';
import { parseDecimal, type DecimalStyle } from '../import/numbers';
import { isValidTimeZone, parseBrokerTime } from '../import/time';
import { ImportFormatError, type ImportIssue } from '../import/types';

/** One trade print; `ts` in µs since the epoch (epoch-number files keep their precision). */
export type ParsedTick = { symbol: string; ts: number; price: number; size: number; line: number };

/** One bar; `ts` is its opening time in ms since the epoch. */
export type ParsedBar = {
  symbol: string;
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  line: number;
};

export type MarketFileKind = 'ticks' | 'bars';

export type MarketParseContext = {
  fileName: string;
  /** Zone for times written without an offset. */
  timeZone: string;
  /** Symbol for files (or rows) without one. */
  symbol?: string;
};

export type MarketParseResult = {
  kind: MarketFileKind;
  ticks: ParsedTick[];
  bars: ParsedBar[];
  /** Rows that could not be read; each names the file, line and column. */
  errors: ImportIssue[];
};

/** Header names each field is known by (matched after lower-casing and trimming). */
const ALIASES = {
  symbol: ['symbol', 'ticker', 'instrument', 'contract', 'sym'],
  time: ['time', 'timestamp', 'datetime', 'date time', 'date/time', 'date_time', 'ts', 'time (utc)', 'date'],
  date: ['date', 'day'],
  clock: ['time', 'clock'],
  price: ['price', 'last', 'last price', 'trade price'],
  size: ['size', 'volume', 'qty', 'quantity', 'vol', 'last size'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  volume: ['volume', 'vol', 'v', 'size'],
} as const;

type Field = keyof typeof ALIASES;

/** Finds which of the two layouts a header row is; null when it is neither. */
function layoutOf(columns: HeaderMap): MarketFileKind | null {
  const has = (f: Field) => ALIASES[f].some((a) => columns.has(a));
  if (!has('time')) return null;
  if (has('open') && has('high') && has('low') && has('close')) return 'bars';
  return has('price') ? 'ticks' : null;
}

/** The index of the first alias of `field` the header has. */
function columnOf(columns: HeaderMap, field: Field): { name: string; index: number } | null {
  for (const alias of ALIASES[field]) {
    const index = columns.get(alias);
    if (index !== undefined) return { name: alias, index };
  }
  return null;
}

class RowError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a tick or bar file; throws ImportFormatError when it is neither. Never throws for a bad row. */
export function parseMarketCsv(text: string, ctx: MarketParseContext): MarketParseResult {
  if (!isValidTimeZone(ctx.timeZone))
    throw new ImportFormatError(ctx.fileName, 1, `unknown time zone "${ctx.timeZone}"`);
  const { delimiter, rows } = parseCsv(text);
  const header = rows.slice(0, 20).findIndex((r) => layoutOf(headerOf(r.fields)) !== null);
  const headerRow = header >= 0 ? rows[header] : undefined;
  if (!headerRow) {
    throw new ImportFormatError(
      ctx.fileName,
      rows[0]?.line ?? 1,
      'not a tick or bar file: no header row with time and price (or open, high, low, close)',
    );
  }
  const columns = headerOf(headerRow.fields);
  const kind = layoutOf(columns) ?? 'ticks';
  // Semicolon files come from decimal-comma locales.
  const style: DecimalStyle = delimiter === ';' ? { decimalSeparator: ',' } : {};
  const readTime = timeReader(columns, ctx.timeZone);
  const symbolColumn = columnOf(columns, 'symbol');
  const result: MarketParseResult = { kind, ticks: [], bars: [], errors: [] };
  const number = (fields: readonly string[], field: Field, optional = false): number => {
    const col = columnOf(columns, field);
    const textValue = col ? (fields[col.index] ?? '').trim() : '';
    if (textValue === '') {
      if (optional) return 0;
      throw new RowError(col?.name ?? field, `${col?.name ?? field} is empty`);
    }
    const parsed = parseDecimal(textValue, style);
    if (!parsed.ok) throw new RowError(col?.name ?? field, `${col?.name ?? field}: ${parsed.error}`);
    return Number(parsed.value);
  };
  for (const row of rows.slice(header + 1)) {
    if (isBlankRow(row.fields)) continue;
    try {
      const cellSymbol = symbolColumn ? (row.fields[symbolColumn.index] ?? '').trim() : '';
      const symbol = (cellSymbol || ctx.symbol || '').trim().toUpperCase();
      if (symbol === '') throw new RowError('symbol', 'no symbol: the file has none, give one (--symbol)');
      const us = readTime(row.fields);
      if (kind === 'ticks') {
        const size = number(row.fields, 'size', true);
        if (size < 0) throw new RowError('size', 'size is negative');
        result.ticks.push({ symbol, ts: us, price: number(row.fields, 'price'), size, line: row.line });
      } else {
        const bar = {
          open: number(row.fields, 'open'),
          high: number(row.fields, 'high'),
          low: number(row.fields, 'low'),
          close: number(row.fields, 'close'),
        };
        if (bar.high < Math.max(bar.open, bar.close, bar.low) || bar.low > Math.min(bar.open, bar.close))
          throw new RowError('high', 'high/low do not contain open and close');
        const volume = number(row.fields, 'volume', true);
        result.bars.push({ symbol, ts: Math.floor(us / 1000), ...bar, volume, line: row.line });
      }
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      result.errors.push({ file: ctx.fileName, line: row.line, column: error.column, message: error.message });
    }
  }
  return result;
}

function headerOf(fields: readonly string[]): HeaderMap {
  const map = new Map<string, number>();
  fields.forEach((f, i) => {
    const name = normalizeHeader(f);
    if (name !== '' && !map.has(name)) map.set(name, i);
  });
  return map;
}

/** Reads the time of a row in µs: one time column, or a date column and a time column. */
function timeReader(columns: HeaderMap, timeZone: string): (fields: readonly string[]) => number {
  const date = columnOf(columns, 'date');
  const clock = columnOf(columns, 'clock');
  const split = date !== null && clock !== null && date.index !== clock.index;
  const single = columnOf(columns, 'time');
  return (fields) => {
    const name = split ? `${date.name}/${clock.name}` : (single?.name ?? 'time');
    const text = split
      ? `${(fields[date.index] ?? '').trim()} ${(fields[clock.index] ?? '').trim()}`.trim()
      : (fields[single?.index ?? -1] ?? '').trim();
    if (text === '') throw new RowError(name, `${name} is empty`);
    const epoch = epochToMicros(text);
    if (epoch !== null) return epoch;
    const parsed = parseBrokerTime(text, { timeZone });
    if (!parsed.ok) throw new RowError(name, `${name}: ${parsed.error}`);
    return parsed.value * 1000 + subMillisecondMicros(text);
  };
}

/** Epoch numbers in s, ms, µs or ns (judged by size, for times after 1973) → µs; null for other text. */
export function epochToMicros(text: string): number | null {
  if (!/^\d{9,19}(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  if (value < 1e11) return Math.round(value * 1e6);
  if (value < 1e14) return Math.round(value * 1e3);
  if (value < 1e17) return Math.round(value);
  return Math.round(value / 1e3);
}

/** Digits 4–6 of a fractional second ("09:30:00.123456" → 456 µs), which ms times drop. */
function subMillisecondMicros(text: string): number {
  const match = /:\d{2}[.,]\d{3}(\d{1,3})(?!\d)/.exec(text);
  return match?.[1] ? Number(match[1].padEnd(3, '0')) : 0;
}
