import { describe, expect, it } from 'vitest';
import { readCsvHead } from './csv-head';

const basic = [
  'Date/Time,Account,Symbol,Description,Side,Qty,Price',
  '2025-03-03T09:30:05-05:00,DEMO-1,aapl,"Apple, Inc.",BOT,100,235.1',
].join('\r\n');

const european = [
  'Kontoauszug Musterbank;;;;;;',
  'Zeitraum: 01.03.2025 - 31.03.2025;;;;;;',
  ';;;;;;',
  'Datum;Uhrzeit;Wertpapier;Menge;Kurs;Provision;Gebühr',
  '03.03.2025;09:00:01;SAP;10;245,50;-4,90;-0,10',
  '03.03.2025;17:29:59;SAP;-10;248,10;-4,90;0',
  '31.03.2025;02:30:00;SIE;5;1.210,00;-4,90;',
].join('\n');

describe('readCsvHead', () => {
  it('takes the first row as the header of a plain export, quoted commas included', () => {
    const head = readCsvHead(basic);
    expect(head?.headers).toEqual(['Date/Time', 'Account', 'Symbol', 'Description', 'Side', 'Qty', 'Price']);
    expect(head?.rows).toEqual([['2025-03-03T09:30:05-05:00', 'DEMO-1', 'aapl', 'Apple, Inc.', 'BOT', '100', '235.1']]);
  });

  it('skips title lines above the header of a European statement', () => {
    const head = readCsvHead(european, 2);
    expect(head?.headers).toEqual(['Datum', 'Uhrzeit', 'Wertpapier', 'Menge', 'Kurs', 'Provision', 'Gebühr']);
    expect(head?.rows).toEqual([
      ['03.03.2025', '09:00:01', 'SAP', '10', '245,50', '-4,90', '-0,10'],
      ['03.03.2025', '17:29:59', 'SAP', '-10', '248,10', '-4,90', '0'],
    ]);
  });

  it('reads a header with no rows, and says null for text that is not a table', () => {
    expect(readCsvHead('Date,Time,Symbol,Side,Quantity,Price,Fees\n')).toEqual({
      headers: ['Date', 'Time', 'Symbol', 'Side', 'Quantity', 'Price', 'Fees'],
      rows: [],
    });
    expect(readCsvHead('<html><body>Statement</body></html>')).toBeNull();
    expect(readCsvHead('')).toBeNull();
  });
});
