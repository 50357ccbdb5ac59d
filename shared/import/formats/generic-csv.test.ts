import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../domain/money';
import { ImportFormatError } from '../types';
import {
  createGenericCsvFormat,
  genericCsvFormat,
  parseGenericCsvMapping,
  suggestGenericMapping,
  type GenericCsvMappingInput,
} from './generic-csv';

const realDir = fileURLToPath(new URL('../../../../shared/fixtures/brokers/', import.meta.url));
const ownDir = fileURLToPath(new URL('../../../tests/fixtures/brokers/', import.meta.url));
const own = (name: string): string => readFileSync(`${ownDir}${name}`, 'utf8');
const utc = (iso: string): number => Date.parse(iso);

const basicMapping: GenericCsvMappingInput = {
  dateTime: { column: 'Date/Time' },
  dateFormat: 'YYYY-MM-DD',
  timeZone: 'America/New_York',
  symbol: 'Symbol',
  sideColumn: 'Side',
  quantity: 'Qty',
  price: 'Price',
  fees: ['Commission', 'ECN Fee'],
  orderId: 'Order ID',
  execId: 'Exec ID',
  account: 'Account',
  assetClass: { column: 'Asset Type' },
  currency: { column: 'Currency' },
};

const euMapping: GenericCsvMappingInput = {
  delimiter: ';',
  decimalComma: true,
  dateTime: { dateColumn: 'Datum', timeColumn: 'Uhrzeit' },
  dateFormat: 'DD.MM.YYYY',
  timeZone: 'Europe/Berlin',
  symbol: 'Wertpapier',
  sideColumn: null,
  quantity: 'Menge',
  price: 'Kurs',
  fees: ['Provision', 'Gebühr'],
  feeSign: 'negative-is-cost',
  assetClass: { fixed: 'stock' },
  currency: { fixed: 'EUR' },
};

describe('generic CSV with a mapping', () => {
  const result = createGenericCsvFormat(basicMapping).parse(own('generic-basic.csv'), { fileName: 'basic.csv' });

  it('reads every good row, with its line number, and reports each bad one', () => {
    expect(result.executions.map((e) => e.line)).toEqual([2, 3, 5, 6, 11]);
    expect(result.errors.map((e) => [e.file, e.line, e.column])).toEqual([
      ['basic.csv', 7, 'Side'], // "X"
      ['basic.csv', 8, 'Price'], // "abc"
      ['basic.csv', 9, 'Date/Time'], // 03/04/2025 is not YYYY-MM-DD
      ['basic.csv', 10, 'Qty'], // zero
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('maps side aliases, sums fee columns (a rebate lowers the fee) and reads quoted thousands', () => {
    expect(result.executions[0]).toEqual({
      brokerExecId: 'X-1',
      orderId: 'O-1',
      account: 'DEMO-1',
      symbol: 'AAPL',
      assetClass: 'stock',
      side: 'buy',
      quantity: '100',
      price: '235.1',
      fee: '1.3',
      currency: 'USD',
      executedAt: utc('2025-03-03T14:30:05Z'), // the offset in the cell wins over the zone
      line: 2,
    });
    expect(result.executions[1]).toMatchObject({ side: 'sell', price: '1236.4', fee: '0.8' });
    expect(result.executions.map((e) => [e.assetClass, e.side])).toEqual([
      ['stock', 'buy'],
      ['stock', 'sell'],
      ['future', 'buy'],
      ['future', 'sell'],
      ['crypto', 'buy'],
    ]);
    expect(result.executions[4]).toMatchObject({ quantity: '0.015', brokerExecId: null, orderId: null });
  });

  it('reads times without an offset in the mapping zone, unless the import sets one', () => {
    expect(result.executions[2]?.executedAt).toBe(utc('2025-03-04T15:00:00Z')); // EST
    const chicago = createGenericCsvFormat(basicMapping).parse(own('generic-basic.csv'), {
      fileName: 'b.csv',
      timeZone: 'America/Chicago',
    });
    expect(chicago.executions[2]?.executedAt).toBe(utc('2025-03-04T16:00:00Z'));
  });

  it('reads a decimal-comma, semicolon file with title lines, split date/time and signed quantities', () => {
    const eu = createGenericCsvFormat(euMapping).parse(own('generic-eu.csv'), { fileName: 'eu.csv' });
    expect(
      eu.executions.map((e) => [e.line, e.symbol, e.side, e.quantity, e.price, e.fee, e.currency, e.executedAt]),
    ).toEqual([
      [5, 'SAP', 'buy', '10', '245.5', '5', 'EUR', utc('2025-03-03T08:00:01Z')], // CET
      [6, 'SAP', 'sell', '10', '248.1', '4.9', 'EUR', utc('2025-03-03T16:29:59Z')],
      [7, 'SIE', 'buy', '5', '1210', '4.9', 'EUR', utc('2025-03-31T00:30:00Z')], // CEST
    ]);
    expect(eu.errors.map((e) => [e.line, e.column])).toEqual([
      [8, 'Datum'],
      [9, 'Uhrzeit'],
    ]);
  });

  it('reads a header-only file as empty', () => {
    const mapping: GenericCsvMappingInput = {
      dateTime: { dateColumn: 'Date', timeColumn: 'Time' },
      dateFormat: 'YYYY-MM-DD',
      symbol: 'Symbol',
      sideColumn: 'Side',
      quantity: 'Quantity',
      price: 'Price',
      assetClass: { fixed: 'stock' },
    };
    const empty = createGenericCsvFormat(mapping).parse(own('generic-header-only.csv'), { fileName: 'h.csv' });
    expect(empty).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
  });

  it('throws ImportFormatError when the mapped columns are not in the file', () => {
    expect(() => createGenericCsvFormat(euMapping).parse(own('generic-basic.csv'), { fileName: 'b.csv' })).toThrow(
      ImportFormatError,
    );
  });

  it('reads Unix times', () => {
    const mapping = { ...basicMapping, dateFormat: 'unix-seconds', timeZone: undefined } as const;
    const csv =
      'Date/Time,Account,Symbol,Side,Qty,Price,Commission,ECN Fee,Order ID,Exec ID,Asset Type,Currency\n1741012205,A,AAPL,B,1,1,0,0,1,1,STK,USD\n';
    expect(
      createGenericCsvFormat(mapping).parse(csv, { fileName: 'u.csv', timeZone: 'UTC' }).executions[0]?.executedAt,
    ).toBe(utc('2025-03-03T14:30:05Z'));
  });

  it('keeps quantities and prices exact for any decimal', () => {
    const decimal = fc
      .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99_999_999 }))
      .map(([i, f]) => `${i}.${String(f).padStart(8, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(decimal, decimal, fc.boolean()), { minLength: 1, maxLength: 20 }), (rows) => {
        const lines = rows.map(
          ([qty, price, buy], i) =>
            `2025-01-02 10:00:${String(i % 60).padStart(2, '0')},A,ES,${buy ? 'B' : 'S'},${qty === '0.00000000' ? '1' : qty},${price},0,0,,,FUT,USD`,
        );
        const csv = [
          'Date/Time,Account,Symbol,Side,Qty,Price,Commission,ECN Fee,Order ID,Exec ID,Asset Type,Currency',
          ...lines,
        ].join('\n');
        const parsed = createGenericCsvFormat(basicMapping).parse(csv, { fileName: 'p.csv' });
        expect(parsed.errors).toEqual([]);
        expect(parsed.executions.map((e) => [e.quantity, e.price, e.side])).toEqual(
          rows.map(([qty, price, buy]) => [
            qty === '0.00000000' ? '1' : formatDecimal(qty),
            formatDecimal(price),
            buy ? 'buy' : 'sell',
          ]),
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe('generic CSV mappings as presets', () => {
  it('fills defaults and survives a JSON round trip', () => {
    const checked = parseGenericCsvMapping(JSON.parse(JSON.stringify(basicMapping)) as unknown);
    expect(checked.ok).toBe(true);
    if (checked.ok)
      expect(checked.mapping).toMatchObject({
        version: 1,
        delimiter: 'auto',
        decimalComma: false,
        feeSign: 'positive-is-cost',
      });
  });

  it('names the bad field of an invalid preset', () => {
    expect(parseGenericCsvMapping({ ...basicMapping, timeZone: 'Mars/Olympus' })).toEqual({
      ok: false,
      error: 'timeZone: unknown time zone',
    });
    const bad = parseGenericCsvMapping({ ...basicMapping, dateFormat: 'D-M-Y' });
    expect(bad.ok ? '' : bad.error).toMatch(/^dateFormat:/);
  });
});

describe('suggestGenericMapping', () => {
  it('guesses every column of a typical export', () => {
    const headers = own('generic-basic.csv').split('\n')[0]?.split(',') ?? [];
    expect(suggestGenericMapping(headers, [['2025-03-03T09:30:05-05:00']])).toEqual({
      mapping: { ...basicMapping, timeZone: undefined, dateFormat: 'YYYY-MM-DD', decimalComma: false },
      missing: [],
    });
  });

  it('pairs a date and a time column and guesses day-first dates and decimal commas from values', () => {
    const { mapping, missing } = suggestGenericMapping(
      ['Date', 'Time', 'Ticker', 'Action', 'Shares', 'Price'],
      [['13/03/2025', '10:00', 'SAP', 'BUY', '1', '245,5']],
    );
    expect(missing).toEqual([]);
    expect(mapping).toMatchObject({
      dateTime: { dateColumn: 'Date', timeColumn: 'Time' },
      dateFormat: 'DD/MM/YYYY',
      decimalComma: true,
      sideColumn: 'Action',
    });
  });

  it('takes the side from signed quantities only when the sample has some', () => {
    const headers = ['Date', 'Symbol', 'Qty', 'Price'];
    expect(suggestGenericMapping(headers, [['2025-01-02', 'ES', '2', '1']]).missing).toEqual(['side']);
    expect(suggestGenericMapping(headers, [['2025-01-02', 'ES', '-2', '1']])).toMatchObject({
      mapping: { sideColumn: null, dateTime: { column: 'Date' } },
      missing: [],
    });
  });

  it('lists what it cannot find', () => {
    expect(suggestGenericMapping(['Foo', 'Bar', 'Price']).missing).toEqual(['dateTime', 'symbol', 'quantity']);
  });
});

describe('generic CSV with guessed columns', () => {
  it('is a low-confidence fallback that imports a file with common headers', () => {
    const text = own('generic-basic.csv');
    expect(genericCsvFormat.detect(text, 'basic.csv')).toBe(0.3);
    const result = genericCsvFormat.parse(text, { fileName: 'basic.csv' });
    expect(result.executions).toHaveLength(5);
    expect(result.warnings.map((w) => w.message.slice(0, 20))).toEqual([
      'Columns were guessed',
      'No time zone was set',
    ]);
    expect(result.executions[2]?.executedAt).toBe(utc('2025-03-04T10:00:00Z'));
  });

  it('refuses a file whose columns it cannot guess', () => {
    expect(genericCsvFormat.detect(own('generic-eu.csv'), 'eu.csv')).toBe(0);
    expect(() => genericCsvFormat.parse(own('generic-eu.csv'), { fileName: 'eu.csv' })).toThrow(ImportFormatError);
  });
});

if (!existsSync(realDir)) console.info(`generic-csv: real broker files not found at ${realDir}; guess tests skipped`);

describe.runIf(existsSync(realDir))('suggestGenericMapping on real exports', () => {
  it('maps the TradeZero export completely, including its split date/time and fee columns', () => {
    const text = readFileSync(`${realDir}tradezero.csv`, 'utf8');
    const [header = '', ...rows] = text.split('\n');
    const { mapping, missing } = suggestGenericMapping(
      header.split(','),
      rows.map((r) => r.split(',')),
    );
    expect(missing).toEqual([]);
    expect(mapping).toMatchObject({
      dateTime: { dateColumn: 'T/D', timeColumn: 'Exec Time' },
      dateFormat: 'MM/DD/YYYY',
      symbol: 'Symbol',
      sideColumn: 'Side',
      quantity: 'Qty',
      fees: ['Comm', 'SEC', 'TAF', 'NSCC', 'ECN Remove', 'ECN Add'],
    });
    // Line 2: SS RBLX 50 @ 49.88 at 08/08/2022 09:47:59 (UTC here), SEC 0.06 + TAF 0.01.
    const first = genericCsvFormat.parse(text, { fileName: 'tradezero.csv', timeZone: 'UTC' }).executions[0];
    expect(first).toMatchObject({
      symbol: 'RBLX',
      side: 'sell',
      quantity: '50',
      price: '49.88',
      fee: '0.07',
      executedAt: utc('2022-08-08T09:47:59Z'),
    });
  });
});
