import { isBlankRow, parseCsv } from '../../../../shared/import/csv';

/** The header row of a CSV file and a few rows after it, for the column mapping editor. */
export type CsvHead = { headers: string[]; rows: string[][] };

/** How far down title lines ("Statement for …") may push the header. */
const HEADER_SCAN_ROWS = 30;

function filledCells(fields: readonly string[]): number {
  return fields.filter((f) => f.trim() !== '').length;
}

/**
 * Finds the header in the start of a file: the first row with as many filled cells as the
 * fullest row near the top, since title lines above a header fill fewer cells. Null when
 * the text has no row of two or more columns (not a CSV file).
 */
export function readCsvHead(text: string, sampleRows = 20): CsvHead | null {
  const rows = parseCsv(text).rows.filter((row) => !isBlankRow(row.fields));
  const top = rows.slice(0, HEADER_SCAN_ROWS);
  const widest = Math.max(0, ...top.map((row) => filledCells(row.fields)));
  if (widest < 2) return null;
  const start = top.findIndex((row) => filledCells(row.fields) === widest);
  const header = rows[start];
  if (header === undefined) return null;
  return {
    headers: header.fields.map((f) => f.trim()),
    rows: rows.slice(start + 1, start + 1 + sampleRows).map((row) => row.fields),
  };
}
