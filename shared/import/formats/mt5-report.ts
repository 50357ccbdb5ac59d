import { Parser } from 'htmlparser2';
import type { BrokerFormat } from '../types';
import { parseMt5Rows, type Mt5Row } from './mt5-parse';

/**
 * MetaTrader 5 "Trade History Report" saved as HTML (ReportHistory-<login>.html, UTF-16LE
 * with a BOM, decoded before it gets here). Its rows go to the shared MT5 reader
 * (mt5-parse.ts); this file only turns the HTML into rows:
 * - `<td>` and `<th>` cells alike (banners and the account lines are `<th>`);
 * - cells of class "hidden" are dropped: MT5 puts one (colspan 8, holding the comment) in each
 *   Positions data row but not always in the header, so keeping it would shift every column;
 * - a colspan cell fills as many columns, so the totals row under Deals (its first cell spans
 *   eight columns) lines up with the header.
 */
export const mt5ReportFormat: BrokerFormat = {
  id: 'mt5-report',
  label: 'MetaTrader 5 trade history report (HTML)',
  detect(sample) {
    if (!sample.includes('Trade History Report') || sample.includes('Strategy Tester')) return 0;
    return /<b>\s*(Deals|Positions|Orders)\s*<\/b>/.test(sample) ? 0.95 : 0.6;
  },
  parse: (text, ctx) => parseMt5Rows(readHtmlRows(text), ctx),
};

/** Table rows of an HTML report with their source line and visible cell texts. */
function readHtmlRows(text: string): Mt5Row[] {
  const rows: { line: number; cells: string[] }[] = [];
  let row: { line: number; cells: string[] } | null = null;
  let cell: { text: string; colspan: number } | null = null;
  let hidden = 0;
  let line = 1;
  let scanned = 0;
  const lineHere = (): number => {
    for (let i = scanned; i < parser.startIndex; i++) if (text.charCodeAt(i) === 10) line++;
    scanned = parser.startIndex;
    return line;
  };
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'tr') {
        row = { line: 0, cells: [] };
        rows.push(row);
      } else if ((name === 'td' || name === 'th') && row !== null) {
        // A row's line is where its first cell starts: MT5 writes `<tr>` and its cells on separate lines.
        if (row.cells.length === 0 && cell === null) row.line = lineHere();
        if (/\bhidden\b/.test(attrs['class'] ?? '')) hidden++;
        else cell = { text: '', colspan: Math.max(1, Math.min(64, Number(attrs['colspan'] ?? 1) || 1)) };
      }
    },
    ontext(data) {
      if (cell !== null && hidden === 0) cell.text += data;
    },
    onclosetag(name) {
      if ((name === 'td' || name === 'th') && hidden > 0) hidden--;
      else if ((name === 'td' || name === 'th') && cell !== null && row !== null) {
        // \s also matches &nbsp; (U+00A0), which MetaTrader puts in empty cells and in "1 000.00".
        row.cells.push(cell.text.replace(/\s+/g, ' ').trim(), ...Array<string>(cell.colspan - 1).fill(''));
        cell = null;
      }
      if (name === 'tr') row = null;
    },
  });
  parser.end(text);
  return rows;
}
