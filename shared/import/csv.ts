/**
 * A small RFC 4180 reader tuned for broker exports: BOM, CRLF/LF/CR, quoted fields with
 * delimiters, newlines and doubled quotes, trailing delimiters, no final newline.
 */

/** One record and the 1-based physical line it starts on. */
export type CsvRow = { line: number; fields: string[] };

/** The delimiters detection chooses between. */
export type CsvDelimiter = ',' | ';' | '\t';

/** Force a delimiter instead of detecting it. */
export type CsvOptions = { delimiter?: CsvDelimiter };

/** Parsed text; empty lines are dropped, rows of bare delimiters are kept (sections use them). */
export type CsvTable = { delimiter: CsvDelimiter; rows: CsvRow[] };

/** Column name (normalised) → index. */
export type HeaderMap = ReadonlyMap<string, number>;

/** Where a header row was found. */
export type HeaderMatch = { index: number; columns: HeaderMap };

const QUOTE = 34;
const LF = 10;
const CR = 13;
const BARE_CR = /\r(?!\n)/;
const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t'];

/** Parses delimited text into rows; the delimiter is detected unless given. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const delimiterCode = delimiter.charCodeAt(0);
  const length = text.length;
  const rows: CsvRow[] = [];
  // Old Mac files end lines with a bare CR; they take the general path throughout.
  const bareCr = BARE_CR.test(text);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let nextQuote = text.indexOf('"', i);
  while (i < length) {
    if (nextQuote !== -1 && nextQuote < i) nextQuote = text.indexOf('"', i);
    // Lines before the one holding the next quote are split natively, which is several times faster.
    const plainEnd = bareCr ? i : nextQuote === -1 ? length : text.lastIndexOf('\n', nextQuote) + 1;
    if (plainEnd > i) {
      line = splitPlainLines(text.slice(i, plainEnd), delimiter, line, rows);
      i = plainEnd;
      continue;
    }
    const first = text.charCodeAt(i);
    if (first === LF || first === CR) {
      i += first === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const row = readRow(text, i, line, delimiterCode);
    rows.push(row.row);
    i = row.end;
    line = row.nextLine;
  }
  return { delimiter, rows };
}

// Appends the rows of quote-free text and returns the line number after it.
function splitPlainLines(chunk: string, delimiter: string, firstLine: number, rows: CsvRow[]): number {
  const lines = chunk.split('\n');
  // A chunk ending in a newline splits into a last empty piece that is not a line.
  const count = chunk.endsWith('\n') ? lines.length - 1 : lines.length;
  for (let n = 0; n < count; n++) {
    let text = lines[n] ?? '';
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text !== '') rows.push({ line: firstLine + n, fields: text.split(delimiter) });
  }
  return firstLine + count;
}

type RowRead = { row: CsvRow; end: number; nextLine: number };

// The general path: one record that may hold quoted fields spanning lines.
function readRow(text: string, start: number, startLine: number, delimiterCode: number): RowRead {
  const fields: string[] = [];
  let i = start;
  let line = startLine;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      const quoted = readQuoted(text, i);
      const j = fieldEnd(text, quoted.end, delimiterCode);
      // Text after a closing quote ("ab"cd) is kept as written rather than dropped.
      fields.push(j > quoted.end ? quoted.value + text.slice(quoted.end, j) : quoted.value);
      line += quoted.lineBreaks;
      i = j;
    } else {
      const j = fieldEnd(text, i, delimiterCode);
      fields.push(text.slice(i, j));
      i = j;
    }
    if (i >= text.length) break;
    const code = text.charCodeAt(i);
    i++;
    if (code === delimiterCode) continue;
    if (code === CR && text.charCodeAt(i) === LF) i++;
    line++;
    break;
  }
  return { row: { line: startLine, fields }, end: i, nextLine: line };
}

/** Picks ',', ';' or tab: the candidate whose count per line is steadiest over the first lines. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = countPerLine(text, 10);
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  for (const candidate of CANDIDATES) {
    const perLine = counts.map((count) => count[candidate]);
    const head = perLine[0] ?? 0;
    if (head === 0) continue;
    const steady = perLine.filter((n) => n === head).length;
    const score = steady * 1000 + head;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Normalises a header cell for matching: trimmed, lower-cased, inner whitespace collapsed. */
export function normalizeHeader(cell: string): string {
  return cell.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Name → index for a header row; the first of duplicate names wins, empty names are skipped. */
export function headerMap(fields: readonly string[]): HeaderMap {
  const columns = new Map<string, number>();
  fields.forEach((field, index) => {
    const name = normalizeHeader(field);
    if (name !== '' && !columns.has(name)) columns.set(name, index);
  });
  return columns;
}

/** The first row among the first maxScan rows that holds every required column name. */
export function findHeaderRow(rows: readonly CsvRow[], required: readonly string[], maxScan = 100): HeaderMatch | null {
  const wanted = required.map(normalizeHeader);
  const limit = Math.min(rows.length, maxScan);
  for (let index = 0; index < limit; index++) {
    const columns = headerMap(rows[index]?.fields ?? []);
    if (wanted.every((name) => columns.has(name))) return { index, columns };
  }
  return null;
}

/** Best share (0..1) of the named columns found in one row among the first lines of a sample. */
export function headerMatchScore(sample: string, names: readonly string[], maxLines = 200): number {
  return bestHeaderRow(sample, names, maxLines).share;
}

/** The row among the first lines of a sample holding the largest share of the named columns, with its columns. */
export function bestHeaderRow(
  sample: string,
  names: readonly string[],
  maxLines = 200,
): { share: number; columns: HeaderMap } {
  const { rows } = parseCsv(firstLines(sample, maxLines));
  const wanted = names.map(normalizeHeader);
  let best: { share: number; columns: HeaderMap } = { share: 0, columns: new Map() };
  for (const row of rows) {
    const columns = headerMap(row.fields);
    const share = wanted.filter((name) => columns.has(name)).length / Math.max(wanted.length, 1);
    if (share > best.share) best = { share, columns };
  }
  return best;
}

/** True when every field is empty or whitespace. */
export function isBlankRow(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

function fieldEnd(text: string, from: number, delimiterCode: number): number {
  let j = from;
  while (j < text.length) {
    const code = text.charCodeAt(j);
    if (code === delimiterCode || code === LF || code === CR) break;
    j++;
  }
  return j;
}

type Quoted = { value: string; end: number; lineBreaks: number };

// Reads a quoted field from its opening quote; an unterminated quote runs to the end of the text.
function readQuoted(text: string, start: number): Quoted {
  let value = '';
  let from = start + 1;
  let end = text.length;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) {
      value += text.slice(from);
      break;
    }
    value += text.slice(from, quote);
    if (text.charCodeAt(quote + 1) === QUOTE) {
      value += '"';
      from = quote + 2;
      continue;
    }
    end = quote + 1;
    break;
  }
  return { value, end, lineBreaks: countLineBreaks(value) };
}

function countLineBreaks(value: string): number {
  let breaks = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === LF || (code === CR && value.charCodeAt(i + 1) !== LF)) breaks++;
  }
  return breaks;
}

function countPerLine(text: string, maxLines: number): Record<CsvDelimiter, number>[] {
  const lines: Record<CsvDelimiter, number>[] = [];
  let current = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  let empty = true;
  for (let i = 0; i < text.length && lines.length < maxLines; i++) {
    const char = text.charAt(i);
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) {
      if (!empty) lines.push(current);
      current = { ',': 0, ';': 0, '\t': 0 };
      empty = true;
      continue;
    } else if (!inQuotes && (char === ',' || char === ';' || char === '\t')) current[char]++;
    if (char !== '\ufeff') empty = false;
  }
  if (!empty && lines.length < maxLines) lines.push(current);
  return lines;
}

function firstLines(text: string, maxLines: number): string {
  let end = -1;
  for (let n = 0; n < maxLines; n++) {
    end = text.indexOf('\n', end + 1);
    if (end === -1) return text;
  }
  return text.slice(0, end);
}
