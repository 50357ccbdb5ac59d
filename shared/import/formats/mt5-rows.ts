/**
 * The layout of a MetaTrader 5 "Trade History Report", whether read from its HTML or from the
 * same report saved as Excel: one long table whose rows are the title, "Name:/Account:/
 * Company:/Date:" lines, then sections ("Positions", "Orders", "Deals", …) each opened by a
 * one-cell banner row and a row of column names.
 */
import type { Decimal } from '../../domain/types';
import { parseDecimal } from '../numbers';
import { parseBrokerTime } from '../time';
import type { ImportIssue } from '../types';

/** One report row: its 1-based HTML line or sheet row, and its cell texts by column (trimmed). */
export type Mt5Row = { line: number; cells: readonly string[] };

/** A section's table: column name → position, and its data rows. */
export type Mt5Table = { title: string; line: number; columns: ReadonlyMap<string, number>; rows: Mt5Row[] };

/** The report's sections by title, and what its first lines say about the account. */
export type Mt5Report = {
  tables: ReadonlyMap<string, Mt5Table>;
  account: string | null;
  currency: string | null;
  /** A Strategy Tester report has the same tables, but its deals never happened. */
  isTesterReport: boolean;
};

const SECTION_TITLES = new Set([
  'Positions',
  'Orders',
  'Deals',
  'Open Positions',
  'Working Orders',
  'Summary',
  'Results',
]);

/** Makes an issue for this file at a line and column. */
export type Mt5Issue = (line: number, column: string | null, message: string) => ImportIssue;

/** A bad cell; thrown while one row is read and turned into that row's error. */
export class Mt5CellError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(message);
    this.name = 'Mt5CellError';
  }
}

/** Splits report rows into sections and reads the account line. */
export function readMt5Report(rows: readonly Mt5Row[]): Mt5Report {
  const tables = new Map<string, Mt5Table>();
  let current: { title: string; line: number; columns: Map<string, number> | null; rows: Mt5Row[] } | null = null;
  let account: string | null = null;
  let currency: string | null = null;
  let isTesterReport = false;
  for (const row of rows) {
    const filled = row.cells.filter((text) => text !== '');
    const first = filled[0] ?? '';
    if (first === 'Strategy Tester Report') isTesterReport = true;
    if (first === 'Account:' && account === null) ({ account, currency } = readAccount(filled[1] ?? ''));
    if (filled.length === 1 && SECTION_TITLES.has(first)) {
      current = { title: first, line: row.line, columns: null, rows: [] };
      continue;
    }
    if (current === null || filled.length === 0) continue;
    if (current.columns === null) {
      // The first row under a banner names the columns (a blank spacer row would have been skipped).
      current.columns = readColumns(row.cells);
      if (!tables.has(current.title)) tables.set(current.title, { ...current, columns: current.columns });
      continue;
    }
    tables.get(current.title)?.rows.push(row);
  }
  return { tables, account, currency, isTesterReport };
}

/** "51234567 (USD, Broker-Server, real, Hedge)" → the login and the deposit currency. */
function readAccount(text: string): { account: string | null; currency: string | null } {
  const login = /^[^\s(]+/.exec(text)?.[0] ?? null;
  const currency = /\(\s*([A-Z]{3})\b/.exec(text)?.[1] ?? null;
  return { account: login, currency };
}

/** Column names to positions; a second "Time"/"Price" (Positions: the close) gets a "Close " prefix. */
function readColumns(cells: readonly string[]): Map<string, number> {
  const columns = new Map<string, number>();
  cells.forEach((text, index) => {
    if (text === '') return;
    const name = columns.has(text) ? `Close ${text}` : text;
    if (!columns.has(name)) columns.set(name, index);
  });
  return columns;
}

/** The text under `column` in `row`, '' when the table has no such column. */
export function cellIn(table: Mt5Table, row: Mt5Row, column: string): string {
  const index = table.columns.get(column);
  return index === undefined ? '' : (row.cells[index] ?? '');
}

/** A decimal cell ("1 000.00" included); empty is "0" when `optional`, else an error. */
export function decimalIn(table: Mt5Table, row: Mt5Row, column: string, optional = false): Decimal {
  return decimalText(cellIn(table, row, column), column, optional);
}

/** `text` (from `column`) as a decimal; empty is "0" when `optional`, else an error. */
export function decimalText(text: string, column: string, optional = false): Decimal {
  if (text === '' && optional) return '0';
  const parsed = parseDecimal(text);
  if (!parsed.ok) throw new Mt5CellError(column, `${column}: ${parsed.error}`);
  return parsed.value;
}

/** "YYYY.MM.DD HH:MM:SS" server time read in `zone`. */
export function timeIn(table: Mt5Table, row: Mt5Row, column: string, zone: string): number {
  const text = cellIn(table, row, column);
  if (text === '') throw new Mt5CellError(column, `${column} is empty`);
  const parsed = parseBrokerTime(text, { timeZone: zone });
  if (!parsed.ok) throw new Mt5CellError(column, `${column}: ${parsed.error}`);
  return parsed.value;
}

/** The names of `required` columns the table lacks. */
export function missingColumns(table: Mt5Table, required: readonly string[]): string[] {
  return required.filter((name) => !table.columns.has(name));
}
