/**
 * The plumbing every header-based CSV format shares: find the header, look cells up by
 * column name (so column order never matters), turn bad cells into row errors that name
 * the file, line and column, and keep going.
 */
import type { Decimal } from '../../domain/types';
import {
  bestHeaderRow,
  findHeaderRow,
  isBlankRow,
  normalizeHeader,
  parseCsv,
  type CsvRow,
  type HeaderMap,
} from '../csv';
import { absDecimal, isZeroDecimal, parseDecimal, type DecimalStyle } from '../numbers';
import { isValidTimeZone, parseBrokerTime, type DateOrder } from '../time';
import { ImportFormatError, type ImportIssue, type ParseContext } from '../types';

/** A data row whose cells are looked up by header name. */
export type CsvRecord = { line: number; fields: readonly string[]; columns: HeaderMap };

/** A header-based table: its delimiter and data rows (blank rows dropped). */
export type CsvRecords = { delimiter: string; headerLine: number; records: CsvRecord[] };

/** A problem with one row: the row is skipped and reported against `column`. */
export class RowError extends Error {
  constructor(
    readonly column: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'RowError';
  }
}

/**
 * Detect confidence from header names: 0.95 when every signature column is there (and, when
 * `distinctive` is given, at least half of those: grids let traders hide columns), 0.6 when
 * only the signature is, and under 0.25 when a signature column is missing.
 */
export function detectByHeader(
  sample: string,
  signature: readonly string[],
  distinctive: readonly string[] = [],
): number {
  const best = bestHeaderRow(sample, signature);
  if (best.share < 1) return best.share * 0.25;
  if (distinctive.length === 0) return 0.95;
  const found = distinctive.filter((name) => best.columns.has(normalizeHeader(name))).length;
  return found * 2 >= distinctive.length ? 0.95 : 0.6;
}

/** Reads text as a table with the given columns; throws ImportFormatError when no header row has them all. */
export function readRecords(text: string, ctx: ParseContext, required: readonly string[], label: string): CsvRecords {
  const { delimiter, rows } = parseCsv(text);
  const header = findHeaderRow(rows, required);
  if (header === null) {
    throw new ImportFormatError(
      ctx.fileName,
      rows[0]?.line ?? 1,
      `not a ${label} file: no header row with ${required.join(', ')}`,
    );
  }
  const records = recordsBetween(rows, header.index + 1, rows.length, header.columns);
  return { delimiter, headerLine: rows[header.index]?.line ?? 1, records };
}

/** Data records for rows[from, to), skipping blank rows. */
export function recordsBetween(rows: readonly CsvRow[], from: number, to: number, columns: HeaderMap): CsvRecord[] {
  const records: CsvRecord[] = [];
  for (let index = from; index < to; index++) {
    const row = rows[index];
    if (row && !isBlankRow(row.fields)) records.push({ line: row.line, fields: row.fields, columns });
  }
  return records;
}

/** The trimmed cell under `column`, or '' when the column or cell is missing. */
export function cell(record: CsvRecord, column: string): string {
  const index = record.columns.get(normalizedName(column));
  return index === undefined ? '' : (record.fields[index] ?? '').trim();
}

/** True when the header has the column. */
export function hasColumn(record: CsvRecord, column: string): boolean {
  return record.columns.has(normalizedName(column));
}

/** A non-empty cell, else a RowError. */
export function requiredCell(record: CsvRecord, column: string): string {
  const value = cell(record, column);
  if (value === '') throw new RowError(column, `${column} is empty`);
  return value;
}

/** A decimal cell (money or price), else a RowError. */
export function decimalCell(record: CsvRecord, column: string, style: DecimalStyle = {}): Decimal {
  const parsed = parseDecimal(cell(record, column), style);
  if (!parsed.ok) throw new RowError(column, `${column}: ${parsed.error}`);
  return parsed.value;
}

/** A decimal cell that may be empty (empty → "0"), e.g. optional fee columns. */
export function optionalDecimalCell(record: CsvRecord, column: string, style: DecimalStyle = {}): Decimal {
  return cell(record, column) === '' ? '0' : decimalCell(record, column, style);
}

/** A non-zero quantity cell as a positive decimal; a sign is allowed (some brokers sign sells). */
export function quantityCell(record: CsvRecord, column: string, style: DecimalStyle = {}): Decimal {
  const value = decimalCell(record, column, style);
  if (isZeroDecimal(value)) throw new RowError(column, `${column} is zero`);
  return absDecimal(value);
}

/** Time text read in a zone (unless it has an offset), else a RowError naming `column`. */
export function timeValue(text: string, column: string, timeZone: string, dateOrder: DateOrder = 'mdy'): number {
  if (text === '') throw new RowError(column, `${column} is empty`);
  const parsed = parseBrokerTime(text, { timeZone, dateOrder });
  if (!parsed.ok) throw new RowError(column, `${column}: ${parsed.error}`);
  return parsed.value;
}

/** The zone for zone-less times: ctx.timeZone when given and valid, else the format's default. */
export function resolveTimeZone(ctx: ParseContext, fallback: string): { timeZone: string; defaulted: boolean } {
  if (ctx.timeZone === undefined) return { timeZone: fallback, defaulted: true };
  if (!isValidTimeZone(ctx.timeZone))
    throw new ImportFormatError(ctx.fileName, 1, `unknown time zone "${ctx.timeZone}"`);
  return { timeZone: ctx.timeZone, defaulted: false };
}

/** An issue tied to a file line and column. */
export function issue(file: string, line: number, column: string | null, message: string): ImportIssue {
  return { file, line, column, message };
}

/** Runs `read` on each record; a RowError becomes an error issue and the row is skipped. */
export function mapRecords<T>(
  records: readonly CsvRecord[],
  file: string,
  read: (record: CsvRecord) => T,
): { items: T[]; errors: ImportIssue[] } {
  const items: T[] = [];
  const errors: ImportIssue[] = [];
  for (const record of records) {
    try {
      items.push(read(record));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      errors.push(issue(file, record.line, error.column, error.message));
    }
  }
  return { items, errors };
}

/** Decimal style implied by the delimiter: semicolon files come from decimal-comma locales. */
export function decimalStyleFor(delimiter: string): DecimalStyle {
  return { decimalSeparator: delimiter === ';' ? ',' : '.' };
}

const normalizedNames = new Map<string, string>();

// Column names come from a few constants per format, so memoising keeps cell lookups cheap on 100k rows.
function normalizedName(column: string): string {
  let name = normalizedNames.get(column);
  if (name === undefined) {
    name = normalizeHeader(column);
    normalizedNames.set(column, name);
  }
  return name;
}
