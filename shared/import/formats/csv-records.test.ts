import { describe, expect, it } from 'vitest';
import { ImportFormatError } from '../types';
import {
  cell,
  decimalCell,
  detectByHeader,
  hasColumn,
  mapRecords,
  quantityCell,
  readRecords,
  resolveTimeZone,
  RowError,
  timeValue,
} from './csv-records';

const ctx = { fileName: 'f.csv' };

describe('readRecords', () => {
  it('finds the header under title lines and looks cells up by name, in any column order', () => {
    const { headerLine, records } = readRecords(
      'Report,,\n\nQty,Symbol\n 5 ,aapl\n,\n7,msft',
      ctx,
      ['symbol', 'QTY'],
      'test',
    );
    expect(headerLine).toBe(3);
    expect(records.map((record) => [record.line, cell(record, 'Symbol'), cell(record, 'qty')])).toEqual([
      [4, 'aapl', '5'],
      [6, 'msft', '7'],
    ]);
    expect(hasColumn(records[0]!, 'Price')).toBe(false);
    expect(cell(records[0]!, 'Price')).toBe('');
  });

  it('throws ImportFormatError naming the file when the header is missing', () => {
    expect(() => readRecords('a,b\n1,2', ctx, ['Symbol'], 'test')).toThrow(
      new ImportFormatError('f.csv', 1, 'not a test file: no header row with Symbol'),
    );
  });
});

describe('cell readers', () => {
  const [record] = readRecords('Qty,Price,When\n-3,abc,2025-01-02 03:04:05', ctx, ['Qty'], 'test').records;

  it('throw RowError with the column for bad values', () => {
    expect(quantityCell(record!, 'Qty')).toBe('3');
    expect(() => decimalCell(record!, 'Price')).toThrow(new RowError('Price', 'Price: "abc" is not a number'));
    expect(timeValue(cell(record!, 'When'), 'When', 'UTC')).toBe(Date.UTC(2025, 0, 2, 3, 4, 5));
    expect(() => timeValue('', 'When', 'UTC')).toThrow(RowError);
  });

  it('turns RowErrors into issues and lets other errors through', () => {
    const { records } = readRecords('Qty\n1\nx\n2', ctx, ['Qty'], 'test');
    const result = mapRecords(records, 'f.csv', (r) => quantityCell(r, 'Qty'));
    expect(result).toEqual({
      items: ['1', '2'],
      errors: [{ file: 'f.csv', line: 3, column: 'Qty', message: 'Qty: "x" is not a number' }],
    });
    expect(() =>
      mapRecords(records, 'f.csv', () => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
});

describe('detectByHeader and resolveTimeZone', () => {
  it('is sure only when every signature column is there', () => {
    expect(detectByHeader('Symbol,Qty,Price\n', ['symbol', 'qty', 'price'])).toBe(0.95);
    expect(detectByHeader('Symbol,Qty\n', ['symbol', 'qty', 'price'])).toBeLessThan(0.3);
  });

  it('uses the import zone when given and valid, else the format default', () => {
    expect(resolveTimeZone({ fileName: 'f' }, 'America/Chicago')).toEqual({
      timeZone: 'America/Chicago',
      defaulted: true,
    });
    expect(resolveTimeZone({ fileName: 'f', timeZone: 'Asia/Tokyo' }, 'America/Chicago')).toEqual({
      timeZone: 'Asia/Tokyo',
      defaulted: false,
    });
    expect(() => resolveTimeZone({ fileName: 'f', timeZone: 'Not/AZone' }, 'UTC')).toThrow(ImportFormatError);
  });
});
