import { readdirSync, readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  hasRealFiles,
  noteIfRealFilesMissing,
  OWN_DIR,
  REAL_DIR,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { buildXlsx, mt5ReportSheet, type FixtureCell } from '../../../tests/fixtures/brokers/make-mt5-xlsx';
import { decodeBytes } from '../decode';
import { detectBinaryFormat } from '../detect';
import { ImportFormatError, type ParseContext } from '../types';
import { mt5ReportFormat } from './mt5-report';
import { mt5XlsxFormat } from './mt5-xlsx';

const NAME = 'ReportHistory-51234567.xlsx';
const bytes = new Uint8Array(readFileSync(`${OWN_DIR}mt5-report.xlsx`));
const html = decodeBytes(readFileSync(`${OWN_DIR}mt5-report.htm`)).text;
const parseBytes = (data: Uint8Array, ctx: Partial<ParseContext> = {}) => {
  if (!mt5XlsxFormat.parseBytes) throw new Error('mt5-xlsx reads bytes');
  return mt5XlsxFormat.parseBytes(data, { fileName: NAME, ...ctx });
};
const detectBytes = (data: Uint8Array, name = NAME) => mt5XlsxFormat.detectBytes?.(data.subarray(0, 65536), name) ?? 0;
/** The HTML report as a workbook, each row passed through `edit` (row number, cells) first. */
const workbookFrom = (source: string, edit = (_row: number, cells: FixtureCell[]) => cells) => {
  const sheet = mt5ReportSheet(source);
  return buildXlsx([{ ...sheet, rows: sheet.rows.map((cells, i) => edit(i + 1, [...cells])) }]);
};

noteIfRealFilesMissing('mt5-xlsx');

describe('mt5-xlsx detection', () => {
  it('is sure of its own workbook, and of MT5 file names when the strings lie past the first bytes', () => {
    expect(detectBytes(bytes)).toBeGreaterThanOrEqual(0.9);
    expect(detectBinaryFormat(bytes.subarray(0, 65536), NAME)[0]?.format.id).toBe('mt5-xlsx');
    // The first 100 bytes hold only the first entry's name: a workbook, but no strings yet.
    expect(detectBytes(bytes.subarray(0, 100))).toBe(0.8);
    expect(detectBytes(bytes.subarray(0, 100), 'export.xlsx')).toBe(0);
  });

  it('is doubtful of every other fixture and of other workbooks; never claims text', () => {
    for (const name of readdirSync(OWN_DIR).filter((n) => n !== 'mt5-report.xlsx' && !n.endsWith('.ts'))) {
      const file = new Uint8Array(readFileSync(`${OWN_DIR}${name}`));
      expect(detectBytes(file, name), name).toBeLessThan(0.3);
      expect(mt5XlsxFormat.detect(decodeBytes(file).text, name), name).toBe(0);
    }
    expect(detectBytes(buildXlsx([{ name: 'Trades', rows: [['Date', 'Symbol']] }]), 'trades.xlsx')).toBe(0);
    const tester = workbookFrom(html.replace('Trade History Report</b>', 'Strategy Tester Report</b>'));
    expect(detectBytes(tester, 'ReportTester-51234567.xlsx')).toBe(0);
  });

  describe.runIf(hasRealFiles)('on the real broker files', () => {
    it('is doubtful of each', () => {
      for (const name of readdirSync(REAL_DIR).filter((n) => n !== 'SOURCES.md')) {
        expect(detectBytes(new Uint8Array(readFileSync(`${REAL_DIR}${name}`)), name), name).toBeLessThan(0.3);
      }
    });
  });
});

describe('mt5-xlsx on the invented workbook (tests/fixtures/brokers/mt5-report.xlsx)', () => {
  const result = parseBytes(bytes);

  it('gives exactly the fills of the same report saved as HTML, lines being sheet rows', () => {
    const fromHtml = mt5ReportFormat.parse(html, { fileName: NAME });
    expect(withoutLines(result.executions)).toEqual(withoutLines(fromHtml.executions));
    expect(result.ignored).toBe(fromHtml.ignored);
    expect(result.errors).toEqual([]);
    // Sheet rows: title 1, account lines 2-5, Positions 7-14, Orders 16-31, Deals banner 33,
    // header 34, the deposit 35, then deal 80000011 on row 36 … deal 80000071 on row 47.
    expect(result.executions.map((e) => e.line)).toEqual([36, 37, 38, 39, 40, 42, 43, 44, 45, 46, 47]);
    expect(result.executions[0]).toMatchObject({
      brokerExecId: '80000011',
      account: '51234567',
      quantity: '100000',
      price: '1.08512',
      fee: '3.5',
    });
    expect(result.warnings.map((w) => w.line)).toEqual([1, 38, 43, 45, 47]);
  });

  it('reports a bad cell by its sheet row and column', () => {
    const bad = workbookFrom(html, (row, cells) => (row === 37 ? cells.map((c, i) => (i === 5 ? 'half' : c)) : cells));
    expect(parseBytes(bad).errors).toEqual([
      { file: NAME, line: 37, column: 'Volume', message: 'Volume: "half" is not a number' },
    ]);
  });

  it('reads the Deals columns by name, in any order', () => {
    const reversed = workbookFrom(html, (row, cells) => (row >= 34 && row <= 48 ? cells.reverse() : cells));
    expect(withoutLines(parseBytes(reversed).executions)).toEqual(withoutLines(result.executions));
  });

  it('gives zero fills for a report with empty sections', () => {
    const empty = workbookFrom(decodeBytes(readFileSync(`${OWN_DIR}mt5-empty.htm`)).text);
    expect(parseBytes(empty, { timeZone: 'Europe/Athens' })).toEqual({
      executions: [],
      ignored: 0,
      errors: [],
      warnings: [],
    });
  });

  it('finds the report on a later sheet', () => {
    const sheet = mt5ReportSheet(html);
    const twoSheets = buildXlsx([{ name: 'Chart', rows: [['Balance graph']] }, sheet]);
    expect(withoutLines(parseBytes(twoSheets).executions)).toEqual(withoutLines(result.executions));
  });

  it('throws ImportFormatError for workbooks and files that are not an MT5 report', () => {
    expect(() => parseBytes(buildXlsx([{ name: 'Trades', rows: [['Date', 'Symbol']] }]))).toThrow(ImportFormatError);
    expect(() => parseBytes(zipSync({ 'a.txt': strToU8('a') }))).toThrow(/not an Excel workbook/);
    expect(() => parseBytes(strToU8('Time,Deal\n'))).toThrow(ImportFormatError);
    const tester = workbookFrom(html.replace('Trade History Report</b>', 'Strategy Tester Report</b>'));
    expect(() => parseBytes(tester)).toThrow(/Strategy Tester/);
    // The importer hands Excel files to parseBytes; as text they cannot be read.
    expect(() => mt5XlsxFormat.parse('PK', { fileName: NAME })).toThrow(ImportFormatError);
  });
});
