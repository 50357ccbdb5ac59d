/** A cell as the report holds it: text, an unformatted number, or null for "n/a". */
export type CsvCell = string | number | null;

/** What an empty set or a zero divisor is written as, on screen and in the file. */
export const CSV_NOT_AVAILABLE = 'n/a';

function field(cell: CsvCell): string {
  if (cell === null) return CSV_NOT_AVAILABLE;
  const text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : CSV_NOT_AVAILABLE) : cell;
  // RFC 4180: a field with a quote, comma or line break is quoted, its quotes doubled.
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV (RFC 4180, CRLF line ends): the header row, then one line per row, numbers unformatted. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** A file name for a table's export: "tpj-by-symbol-2026-12-03.csv". */
export function csvFileName(tableId: string, today: Date): string {
  const slug = tableId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `tpj-${slug || 'report'}-${today.toISOString().slice(0, 10)}.csv`;
}
