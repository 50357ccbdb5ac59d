/**
 * A small .xlsx reader for broker reports saved as Excel: the cell texts of every sheet, by
 * sheet row and column. Strings come from the shared-string table or inline strings; numbers
 * are kept as the text in the file, except that digits past Excel's 15 significant ones
 * (binary noise such as 1.0851200000000001) are rounded away as Excel itself shows them;
 * numbers in a date format become "YYYY-MM-DD HH:MM:SS" wall-clock text.
 */
import { Inflate, strFromU8, unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';

/** One sheet row: its 1-based row number and cell texts by column (A = 0), '' where empty. */
export type XlsxRow = { row: number; cells: string[] };

/** A sheet by its tab name, rows in file order (rows without cells are left out). */
export type XlsxSheet = { name: string; rows: XlsxRow[] };

/** The bytes are not a workbook this reader can open. */
export class XlsxError extends Error {
  override name = 'XlsxError';
}

// A part larger than this is not a broker report; refuse it rather than exhaust memory.
const MAX_PART_BYTES = 256 * 1024 * 1024;
const SNIFF_CHARS = 256 * 1024;
const OFFICE_DOCUMENT = /\/officeDocument$/;
// Built-in number formats that show a date or time (ECMA-376 §18.8.30, plus the East Asian ones).
const isBuiltInDateFormat = (id: number) =>
  (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

type XmlHandlers = {
  open?: (name: string, attrs: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
};

/** Every sheet of an .xlsx workbook, in tab order. Throws XlsxError when the bytes are not one. */
export function readXlsxSheets(bytes: Uint8Array): XlsxSheet[] {
  const parts = unzipParts(bytes);
  const text = (path: string): string | null => (path in parts ? strFromU8(parts[path] ?? new Uint8Array()) : null);
  const rootRels = readRels(text('_rels/.rels') ?? '', '');
  const workbookPath = [...rootRels.values()].find((r) => OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  const workbookXml = text(workbookPath);
  if (workbookXml === null)
    throw new XlsxError('the file is a zip archive but not an Excel workbook (no workbook part)');
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const rels = readRels(text(`${folder}_rels/${workbookPath.slice(folder.length)}.rels`) ?? '', folder);
  const partOfType = (suffix: string): string | null =>
    [...rels.values()].find((r) => r.type.endsWith(suffix))?.target ?? null;
  const workbook = readWorkbook(workbookXml);
  const shared = readSharedStrings(text(partOfType('/sharedStrings') ?? `${folder}sharedStrings.xml`) ?? '');
  const dateStyles = readStyles(text(partOfType('/styles') ?? `${folder}styles.xml`) ?? '');
  const book: Book = { shared, dateStyles, date1904: workbook.date1904 };
  return workbook.sheets.map(({ name, relId }, index) => {
    const path = rels.get(relId)?.target ?? `${folder}worksheets/sheet${index + 1}.xml`;
    const xml = text(path);
    if (xml === null) throw new XlsxError(`sheet "${name}" is missing from the workbook (${path})`);
    return { name, rows: readSheet(xml, book) };
  });
}

/**
 * Text of the workbook parts that start inside `head` (the first bytes of a file), inflated as
 * far as the bytes go, for cheap detection; null when `head` is not the start of an .xlsx.
 */
export function sniffXlsxText(head: Uint8Array): string | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const texts: string[] = [];
  let isWorkbook = false;
  let offset = 0;
  while (offset + 30 <= head.length && view.getUint32(offset, true) === 0x04034b50) {
    const flags = view.getUint16(offset + 6, true);
    const method = view.getUint16(offset + 8, true);
    const size = view.getUint32(offset + 18, true);
    const nameEnd = offset + 30 + view.getUint16(offset + 26, true);
    const dataStart = nameEnd + view.getUint16(offset + 28, true);
    const name = strFromU8(head.subarray(offset + 30, Math.min(nameEnd, head.length)), true);
    // Streamed entries (flag bit 3) give their size only after the data: read to the end of head.
    const known = (flags & 8) === 0 || size !== 0;
    const data = head.subarray(Math.min(dataStart, head.length), known ? dataStart + size : head.length);
    if (name.startsWith('xl/')) isWorkbook = true;
    if (/^xl\/(sharedStrings|worksheets\/[^/]+)\.xml$/.test(name)) texts.push(inflatePartial(data, method));
    if (!known || size === 0xffffffff || texts.join('').length > SNIFF_CHARS) break;
    offset = dataStart + size;
  }
  return isWorkbook ? texts.join('\n') : null;
}

function inflatePartial(data: Uint8Array, method: number): string {
  if (method === 0) return strFromU8(data, true);
  if (method !== 8) return '';
  const chunks: Uint8Array[] = [];
  try {
    new Inflate((chunk) => chunks.push(chunk)).push(data, false);
  } catch {
    // A truncated or damaged stream: whatever was inflated before the damage still counts.
  }
  return chunks.map((chunk) => strFromU8(chunk, true)).join('');
}

function unzipParts(bytes: Uint8Array): Record<string, Uint8Array> {
  const oversized: string[] = [];
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (file) => {
        const wanted = /\.(xml|rels)$/.test(file.name) && !file.name.startsWith('docProps/');
        if (wanted && file.originalSize > MAX_PART_BYTES) oversized.push(file.name);
        return wanted && file.originalSize <= MAX_PART_BYTES;
      },
    });
  } catch (error) {
    throw new XlsxError(`not a readable .xlsx file (${error instanceof Error ? error.message : 'damaged zip'})`);
  }
  if (oversized.length > 0) throw new XlsxError(`the workbook part ${oversized.join(', ')} is too large to read`);
  return parts;
}

type Rel = { target: string; type: string };

/** Relationship id → part path; relative targets are resolved against `folder`. */
function readRels(xml: string, folder: string): Map<string, Rel> {
  const rels = new Map<string, Rel>();
  walkXml(xml, {
    open(name, { Id: id, Target: target, Type: type = '' }) {
      if (name === 'Relationship' && id !== undefined && target !== undefined)
        rels.set(id, { target: resolvePath(folder, target), type });
    },
  });
  return rels;
}

function resolvePath(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '..') resolved.pop();
    else if (part !== '.' && part !== '') resolved.push(part);
  }
  return resolved.join('/');
}

function readWorkbook(xml: string): { sheets: { name: string; relId: string }[]; date1904: boolean } {
  const sheets: { name: string; relId: string }[] = [];
  let date1904 = false;
  walkXml(xml, {
    open(name, attrs) {
      if (name === 'workbookPr') date1904 = attrs['date1904'] === '1' || attrs['date1904'] === 'true';
      if (name !== 'sheet') return;
      const relId = Object.entries(attrs).find(([key]) => key === 'id' || key.endsWith(':id'))?.[1] ?? '';
      sheets.push({ name: attrs['name'] ?? `Sheet${sheets.length + 1}`, relId });
    },
  });
  return { sheets, date1904 };
}

/** The shared-string table; rich-text runs are joined, phonetic hints (rPh) left out. */
function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let inText = false;
  let phonetic = 0;
  walkXml(xml, {
    open(name) {
      if (name === 'si') strings.push('');
      if (name === 'rPh') phonetic++;
      if (name === 't') inText = phonetic === 0;
    },
    text(text) {
      if (inText) strings.push(`${strings.pop() ?? ''}${text}`);
    },
    close(name) {
      if (name === 't') inText = false;
      if (name === 'rPh') phonetic--;
    },
  });
  return strings.map(unescapeXlsx);
}

/** Which cell styles (indexes into cellXfs) show numbers as dates or times. */
function readStyles(xml: string): ReadonlySet<number> {
  const customDates = new Set<number>();
  const dateStyles = new Set<number>();
  let inCellXfs = false;
  let xfIndex = 0;
  walkXml(xml, {
    open(name, attrs) {
      if (name === 'numFmt' && isDateFormatCode(attrs['formatCode'] ?? '')) customDates.add(Number(attrs['numFmtId']));
      if (name === 'cellXfs') inCellXfs = true;
      if (name === 'xf' && inCellXfs) {
        const id = Number(attrs['numFmtId'] ?? 0);
        if (isBuiltInDateFormat(id) || customDates.has(id)) dateStyles.add(xfIndex);
        xfIndex++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return dateStyles;
}

/** A date format has d/m/y/h/s outside quoted text, escapes and [colour]/[$-locale] brackets. */
function isDateFormatCode(code: string): boolean {
  return /[dmyhs]/i.test(code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));
}

/** What cells need from the rest of the workbook. */
type Book = { shared: readonly string[]; dateStyles: ReadonlySet<number>; date1904: boolean };
type CellState = { column: number; type: string; style: number; value: string; inValue: boolean };

function readSheet(xml: string, book: Book): XlsxRow[] {
  const rows: XlsxRow[] = [];
  let row: XlsxRow | null = null;
  let cell: CellState | null = null;
  let phonetic = 0;
  walkXml(xml, {
    open(name, attrs) {
      if (name === 'row') {
        const number = Number(attrs['r']);
        row = { row: Number.isInteger(number) && number > 0 ? number : (rows.at(-1)?.row ?? 0) + 1, cells: [] };
      } else if (name === 'c' && row !== null) {
        const column = attrs['r'] === undefined ? row.cells.length : columnIndex(attrs['r']);
        cell = { column, type: attrs['t'] ?? 'n', style: Number(attrs['s'] ?? 0), value: '', inValue: false };
      } else if (name === 'rPh') phonetic++;
      else if (cell !== null && (name === 'v' || (name === 't' && phonetic === 0))) cell.inValue = true;
    },
    text(text) {
      if (cell?.inValue) cell.value += text;
    },
    close(name) {
      if (name === 'rPh') phonetic--;
      if ((name === 'v' || name === 't') && cell !== null) cell.inValue = false;
      if (name === 'c' && cell !== null && row !== null) {
        while (row.cells.length < cell.column) row.cells.push('');
        row.cells[cell.column] = cellText(cell, book);
        cell = null;
      }
      if (name === 'row' && row !== null) {
        if (row.cells.length > 0) rows.push(row);
        row = null;
      }
    },
  });
  return rows;
}

function cellText(cell: CellState, book: Book): string {
  const { type, value } = cell;
  if (type === 's') return book.shared[Number(value)] ?? '';
  if (type === 'inlineStr' || type === 'str') return unescapeXlsx(value);
  if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
  // Errors ("#N/A") and ISO dates (t="d") are text already.
  if (type !== 'n' || value === '') return value;
  return book.dateStyles.has(cell.style) ? serialToText(value, book.date1904) : excelNumberText(value);
}

/** "B12" → 1; "AA3" → 26. */
function columnIndex(ref: string): number {
  let index = 0;
  for (const char of /^[A-Z]+/i.exec(ref)?.[0].toUpperCase() ?? 'A') index = index * 26 + char.charCodeAt(0) - 64;
  return index - 1;
}

// Excel keeps 15 significant digits; writers that print doubles in full add noise past them.
function excelNumberText(text: string): string {
  const digits = text.replace(/^[-+]?0*\.?0*|[eE].*$|\./g, '');
  if (digits.length <= 15 || !Number.isFinite(Number(text))) return text;
  const rounded = Number(text).toPrecision(15);
  return rounded.replace(/(\.\d*?)0+(?=e|$)/, '$1').replace(/\.(?=e|$)/, '');
}

/** A date serial as wall-clock text; 1900 system (with Lotus's phantom 29 Feb 1900) or 1904 system. */
function serialToText(value: string, date1904: boolean): string {
  const serial = Number(value);
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return value;
  const days = date1904 ? serial + 1462 : serial < 61 ? serial + 1 : serial;
  const iso = new Date(EXCEL_EPOCH + Math.round(days * MS_PER_DAY)).toISOString();
  return iso.replace('T', ' ').replace(/(\.000)?Z$/, '');
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ ("_x000D_" is a carriage return). */
function unescapeXlsx(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Streams XML through htmlparser2 in XML mode, element names without their namespace prefix. */
function walkXml(xml: string, handlers: XmlHandlers): void {
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  const parser = new Parser(
    {
      onopentag: (name, attrs) => handlers.open?.(local(name), attrs),
      ontext: (text) => handlers.text?.(text),
      onclosetag: (name) => handlers.close?.(local(name)),
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
}
