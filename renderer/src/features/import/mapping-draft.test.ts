import { describe, expect, it } from 'vitest';
import { draftFromMapping, mappingFromDraft, suggestDraft } from './mapping-draft';

const basicHeaders = [
  'Date/Time',
  'Account',
  'Symbol',
  'Description',
  'Side',
  'Qty',
  'Price',
  'Commission',
  'ECN Fee',
  'Order ID',
  'Exec ID',
  'Asset Type',
  'Currency',
];
const basicRow = ['2025-03-03T09:30:05-05:00', 'DEMO-1', 'aapl', 'Apple', 'BOT', '100', '235.1', '1.00', '0.30'];

describe('suggestDraft (the editor pre-filled from the header)', () => {
  it('fills every field of a broker export with common column names', () => {
    const { draft, missing } = suggestDraft({ headers: basicHeaders, rows: [basicRow] });
    expect(missing).toEqual([]);
    expect(draft).toMatchObject({
      dateMode: 'one',
      dateTime: 'Date/Time',
      dateFormat: 'YYYY-MM-DD',
      symbol: 'Symbol',
      side: 'Side',
      quantity: 'Qty',
      price: 'Price',
      fees: ['Commission', 'ECN Fee'],
      orderId: 'Order ID',
      execId: 'Exec ID',
      account: 'Account',
      assetColumn: 'Asset Type',
      decimalComma: false,
      kept: { currency: { column: 'Currency' } },
    });
  });

  it('splits date and time columns and reads day-first dates and decimal commas from the rows', () => {
    const { draft } = suggestDraft({
      headers: ['Date', 'Time', 'Symbol', 'Side', 'Quantity', 'Price'],
      rows: [['31/03/2025', '09:00:01', 'SAP', 'Buy', '10', '245,50']],
    });
    expect(draft).toMatchObject({ dateMode: 'two', date: 'Date', time: 'Time', dateFormat: 'DD/MM/YYYY' });
    expect(draft.decimalComma).toBe(true);
    expect(draft.assetColumn).toBe('');
    expect(draft.assetFixed).toBe('stock');
  });

  it('leaves what it cannot guess for the trader and says which fields those are', () => {
    const { draft, missing } = suggestDraft({
      headers: ['Datum', 'Uhrzeit', 'Wertpapier', 'Menge', 'Kurs'],
      rows: [['03.03.2025', '09:00:01', 'SAP', '10', '245,50']],
    });
    expect(missing).toEqual(['dateTime', 'symbol', 'quantity', 'price']);
    expect(draft).toMatchObject({ symbol: '', quantity: '', price: '', side: '' });
  });
});

describe('mappingFromDraft', () => {
  it('gives the mapping the shared schema accepts, keeping what the editor does not show', () => {
    const draft = draftFromMapping({
      dateTime: { dateColumn: 'Datum', timeColumn: 'Uhrzeit' },
      dateFormat: 'DD.MM.YYYY',
      symbol: 'Wertpapier',
      sideColumn: null,
      quantity: 'Menge',
      price: 'Kurs',
      fees: ['Provision'],
      feeSign: 'negative-is-cost',
      assetClass: { fixed: 'stock' },
      decimalComma: true,
      delimiter: ';',
    });
    const result = mappingFromDraft(draft, ['Datum', 'Uhrzeit', 'Wertpapier', 'Menge', 'Kurs', 'Provision']);
    expect(result).toEqual({
      ok: true,
      mapping: {
        version: 1,
        delimiter: ';',
        decimalComma: true,
        dateTime: { dateColumn: 'Datum', timeColumn: 'Uhrzeit' },
        dateFormat: 'DD.MM.YYYY',
        symbol: 'Wertpapier',
        sideColumn: null,
        quantity: 'Menge',
        price: 'Kurs',
        fees: ['Provision'],
        feeSign: 'negative-is-cost',
        orderId: null,
        execId: null,
        account: null,
        assetClass: { fixed: 'stock' },
      },
    });
  });

  it('marks every required field left empty and every column the file does not have', () => {
    const draft = { ...draftFromMapping({ symbol: 'Ticker', fees: ['Comm'] }), quantity: 'Qty' };
    const result = mappingFromDraft(draft, ['Qty', 'Ticker']);
    expect(result).toEqual({
      ok: false,
      message: 'Choose a column for each marked field.',
      errors: {
        dateTime: 'Choose the date and time column.',
        price: 'Choose the price column.',
        fees: '“Comm” is not a column of this file.',
      },
    });
  });
});
