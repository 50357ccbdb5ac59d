import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv } from './csv';

describe('CSV export', () => {
  it('writes a header and rows with CRLF line ends, numbers unformatted', () => {
    expect(toCsv(['Symbol', 'Trades', 'Net P&L'], [['AAPL', 12, '-1234.5']])).toBe(
      'Symbol,Trades,Net P&L\r\nAAPL,12,-1234.5\r\n',
    );
  });

  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    const csv = toCsv(['Tag'], [['breakout, late'], ['the "A" setup'], ['two\nlines'], ['cr\rhere']]);
    expect(csv).toBe('Tag\r\n"breakout, late"\r\n"the ""A"" setup"\r\n"two\nlines"\r\n"cr\rhere"\r\n');
  });

  it('keeps leading and trailing spaces by quoting them', () => {
    expect(toCsv(['x'], [[' padded ']])).toBe('x\r\n" padded "\r\n');
  });

  it('writes n/a for a missing figure and for a number that is not finite, never NaN or Infinity', () => {
    const csv = toCsv(['Win rate', 'PF', 'Avg R'], [[null, Number.POSITIVE_INFINITY, Number.NaN]]);
    expect(csv).toBe('Win rate,PF,Avg R\r\nn/a,n/a,n/a\r\n');
  });

  it('writes an empty table as its header alone', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });

  it('names the file after the table and the day', () => {
    expect(csvFileName('By holding time', new Date('2026-12-03T10:00:00Z'))).toBe('tpj-by-holding-time-2026-12-03.csv');
    expect(csvFileName('***', new Date('2026-12-03T10:00:00Z'))).toBe('tpj-report-2026-12-03.csv');
  });
});
