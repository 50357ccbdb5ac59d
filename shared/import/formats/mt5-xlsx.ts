import { ImportFormatError, type BrokerFormat, type ParseContext, type ParseResult } from '../types';
import { readXlsxSheets, sniffXlsxText, XlsxError, type XlsxSheet } from '../xlsx';
import { parseMt5Rows } from './mt5-parse';

/**
 * MetaTrader 5 "Trade History Report" saved as Excel ("Open XML", ReportHistory-<login>.xlsx):
 * the same rows as the HTML report, one sheet, so the shared MT5 reader (mt5-parse.ts) does the
 * work. Errors and fills name the sheet row as their line. The sheet read is the first one
 * that holds a Deals or Positions banner, else the first sheet.
 */
export const mt5XlsxFormat: BrokerFormat = {
  id: 'mt5-xlsx',
  label: 'MetaTrader 5 trade history report (Excel)',
  // An Excel file never reaches the text detector with text: only detectBytes can tell.
  detect: () => 0,
  detectBytes(head, fileName) {
    const text = sniffXlsxText(head);
    if (text === null || text.includes('Strategy Tester')) return 0;
    if (text.includes('Trade History Report')) return 0.95;
    // A large report's strings may lie past the first bytes; MT5's own file name still tells.
    return /(^|[\\/])ReportHistory-\d+\.xlsx$/i.test(fileName) ? 0.8 : 0;
  },
  parse(_text, ctx) {
    throw new ImportFormatError(ctx.fileName, 1, 'an Excel report is read from its bytes, not as text');
  },
  parseBytes: parseMt5Xlsx,
};

function parseMt5Xlsx(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  let sheets: XlsxSheet[];
  try {
    sheets = readXlsxSheets(bytes);
  } catch (error) {
    if (error instanceof XlsxError) throw new ImportFormatError(ctx.fileName, 1, error.message);
    throw error;
  }
  const hasReport = (sheet: XlsxSheet) =>
    sheet.rows.some((row) => row.cells.some((text) => text.trim() === 'Deals' || text.trim() === 'Positions'));
  const sheet = sheets.find(hasReport) ?? sheets[0];
  if (sheet === undefined) throw new ImportFormatError(ctx.fileName, 1, 'the workbook has no sheets');
  const rows = sheet.rows.map((row) => ({
    line: row.row,
    cells: row.cells.map((text) => text.replace(/\s+/g, ' ').trim()),
  }));
  return parseMt5Rows(rows, ctx);
}
