import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  hasRealFiles,
  headerOnly,
  iso,
  noteIfRealFilesMissing,
  OWN_DIR,
  quantitiesBySymbol,
  readOwn,
  readReal,
  REAL_DIR,
  replaceCell,
  reverseColumns,
  reverseRows,
  toCsvLine,
  totalFees,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { parseCsv } from '../csv';
import { detectFormat } from '../detect';
import { ImportFormatError, type BrokerFormat, type ParseContext } from '../types';
import { tradovateFillsFormat, tradovateOrdersFormat } from './tradovate-fills';
import { tradovatePerformanceFormat } from './tradovate-performance';

const fills = (text: string, ctx: Partial<ParseContext> = {}) =>
  tradovateFillsFormat.parse(text, { fileName: 'Fills.csv', ...ctx });
const orders = (text: string, ctx: Partial<ParseContext> = {}) =>
  tradovateOrdersFormat.parse(text, { fileName: 'Orders.csv', ...ctx });
const brief = (text: string, parse = fills) =>
  parse(text).executions.map((e) => [e.brokerExecId, e.side, e.quantity, e.price, e.fee, iso(e.executedAt)]);

/** Keeps only the named columns (in their order in the file). */
function keepColumns(text: string, keep: (name: string) => boolean): string {
  const [header = [], ...rows] = parseCsv(text).rows.map((row) => row.fields);
  const indexes = header.flatMap((name, index) => (keep(name) ? [index] : []));
  return [header, ...rows].map((fields) => toCsvLine(indexes.map((index) => fields[index] ?? ''))).join('\n');
}

noteIfRealFilesMissing('tradovate-fills');

describe('Tradovate Fills report with raw and display columns (tests/fixtures/brokers/tradovate-fills.csv)', () => {
  const text = readOwn('tradovate-fills.csv');

  it('reads each active fill at its UTC _timestamp, to the millisecond, with no zone to assume', () => {
    // Line 5 has _active=false (a busted fill): ignored. Every _timestamp ends in Z, so no zone warning.
    expect(fills(text)).toMatchObject({ ignored: 1, errors: [], warnings: [] });
    expect(brief(text)).toEqual([
      ['621235571868', 'buy', '2', '20527.75', '1.04', '2025-03-07T14:30:00.700Z'],
      // Lines 3-4: one sell order filled in two parts, each its own fill id, price and commission.
      ['621235571884', 'sell', '1', '20540', '0.52', '2025-03-07T14:36:34.443Z'],
      ['621235571885', 'sell', '1', '20540.25', '0.52', '2025-03-07T14:36:34.512Z'],
      // Line 6: _price is the float 2911.900000000001; the display Price 2911.9 is used.
      ['621235571922', 'buy', '3', '2911.9', '2.4', '2025-03-10T13:46:46.486Z'],
      ['621235571935', 'sell', '3', '2915.3', '2.4', '2025-03-10T13:52:03.317Z'],
      // Lines 8-9: the evening session, which Tradovate dates to the next trade date (_tradeDate 2025-03-11).
      ['621235571989', 'buy', '1', '20110.5', '0.52', '2025-03-10T22:05:10.000Z'],
      ['621235572029', 'sell', '1', '20102', '0.52', '2025-03-10T22:09:45.250Z'],
    ]);
    expect(fills(text).executions[0]).toMatchObject({
      orderId: '621235571865',
      account: 'DEMO1234567',
      symbol: 'MNQH5',
      assetClass: 'future',
      currency: null,
      line: 2,
    });
    expect(quantitiesBySymbol(fills(text).executions)).toEqual({
      MNQH5: { buy: '3', sell: '3' },
      MGCJ5: { buy: '3', sell: '3' },
    });
    expect(totalFees(fills(text).executions)).toBe('7.92');
  });

  it('uses the same brokerExecId as the Performance report for the same fills, so importing both adds nothing', () => {
    // The Performance report pairs buy fill 621235571868 with the two partial sells.
    const performance = [
      'symbol,_priceFormat,_priceFormatType,_tickSize,buyFillId,sellFillId,qty,buyPrice,sellPrice,pnl,boughtTimestamp,soldTimestamp,duration',
      'MNQH5,-2,0,0.25,621235571868,621235571884,1,20527.75,20540.00,$24.50,03/07/2025 08:30:00,03/07/2025 08:36:34,6min 34sec',
      'MNQH5,-2,0,0.25,621235571868,621235571885,1,20527.75,20540.25,$25.00,03/07/2025 08:30:00,03/07/2025 08:36:34,6min 34sec',
    ].join('\n');
    const paired = tradovatePerformanceFormat.parse(performance, { fileName: 'Performance.csv' }).executions;
    const fillIds = new Set(fills(text).executions.map((e) => e.brokerExecId));
    expect(paired.map((e) => e.brokerExecId)).toEqual(['621235571868', '621235571884', '621235571885']);
    expect(paired.every((e) => fillIds.has(e.brokerExecId))).toBe(true);
  });

  it('reads the raw columns alone (API-style export) to the same fills, cleaning float prices', () => {
    const raw = keepColumns(text, (name) => name.startsWith('_') || name === 'Contract' || name === 'commission');
    // Without the display Price, the float 2911.900000000001 is rounded to 2911.9.
    expect(withoutLines(fills(raw).executions)).toEqual(
      withoutLines(fills(text).executions).map((e) => ({ ...e, account: '1000001' })),
    );
  });

  it('throws a clear error for raw columns without Contract: _contractId is a number, not a symbol', () => {
    const raw = keepColumns(text, (name) => name.startsWith('_'));
    expect(() => fills(raw)).toThrow(/Contract/);
  });

  it('gives the same fills with columns and rows in another order', () => {
    expect(withoutLines(fills(reverseRows(reverseColumns(text))).executions)).toEqual(
      withoutLines(fills(text).executions),
    );
  });

  it('reports bad rows by line and column', () => {
    expect(fills(replaceCell(text, 2, 'B/S', ' Hold')).errors).toEqual([
      { file: 'Fills.csv', line: 2, column: 'B/S', message: 'B/S "Hold" is not Buy or Sell' },
    ]);
    expect(fills(replaceCell(text, 3, 'Quantity', '0')).errors[0]).toMatchObject({ line: 3, column: 'Quantity' });
    expect(fills(replaceCell(text, 4, '_timestamp', '2025-03-07 25:00:00Z')).errors[0]).toMatchObject({
      line: 4,
      column: '_timestamp',
    });
  });

  it('gives zero fills for a header-only file and throws for the other Tradovate reports', () => {
    expect(fills(headerOnly(text))).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
    expect(() => fills(readOwn('tradovate-fills-orders.csv'))).toThrow(ImportFormatError);
    expect(() => fills(readOwn('tradovate-performance.csv'))).toThrow(ImportFormatError);
  });
});

describe('Tradovate Fills report, display columns only (tests/fixtures/brokers/tradovate-fills-ui.csv)', () => {
  const text = readOwn('tradovate-fills-ui.csv');

  it('reads the zone-less Timestamp as Chicago time and says so', () => {
    // 03/07/2025 08:30:00 CST (UTC−6) → 14:30:00Z; 03/10 is after the DST change, CDT (UTC−5): 08:46:46 → 13:46:46Z.
    // "$1.04" commissions and a quoted "20,110.50" price; CRLF line ends.
    expect(brief(text)).toEqual([
      ['621235571868', 'buy', '2', '20527.75', '1.04', '2025-03-07T14:30:00.000Z'],
      ['621235571884', 'sell', '1', '20540', '0.52', '2025-03-07T14:36:34.000Z'],
      ['621235571885', 'sell', '1', '20540.25', '0.52', '2025-03-07T14:36:34.000Z'],
      ['621235571922', 'buy', '3', '2911.9', '2.4', '2025-03-10T13:46:46.000Z'],
      ['621235571935', 'sell', '3', '2915.3', '2.4', '2025-03-10T13:52:03.000Z'],
      ['621235571989', 'buy', '1', '20110.5', '0.52', '2025-03-10T22:05:10.000Z'],
    ]);
    expect(fills(text).warnings).toEqual([
      { file: 'Fills.csv', line: 1, column: 'Timestamp', message: 'times have no zone; read as America/Chicago' },
    ]);
  });

  it('uses the trader’s zone when given, and warns when there is no commission column', () => {
    const result = fills(
      keepColumns(text, (name) => name !== 'Commission'),
      { timeZone: 'Europe/Berlin' },
    );
    // 08:30 in Berlin (CET, UTC+1) on 2025-03-07 → 07:30Z.
    expect(iso(result.executions[0]?.executedAt ?? 0)).toBe('2025-03-07T07:30:00.000Z');
    expect(result.executions.every((e) => e.fee === '0')).toBe(true);
    expect(result.warnings.map((w) => w.message)).toEqual(['the file has no commission column; fees are set to 0']);
  });
});

describe('Tradovate Orders report (tests/fixtures/brokers/tradovate-fills-orders.csv)', () => {
  const text = readOwn('tradovate-fills-orders.csv');

  it('makes one execution per filled order and ignores orders that filled nothing', () => {
    const result = orders(text);
    // Ignored: line 4 (Canceled stop), 5 (Rejected), 8 (Working, nothing filled).
    expect(result).toMatchObject({ ignored: 3, errors: [] });
    expect(brief(text, orders)).toEqual([
      // Fill Time 03/07/2025 08:30:00 CST → 14:30Z; no fees in this report.
      ['order:621235571865', 'buy', '2', '20527.75', '0', '2025-03-07T14:30:00.000Z'],
      // Average of the two partial fills (20540 + 20540.25) / 2.
      ['order:621235571873', 'sell', '2', '20540.125', '0', '2025-03-07T14:36:34.000Z'],
      // Avg Fill Price 2911.9, not the float avgPrice 2911.900000000001.
      ['order:621235571919', 'buy', '3', '2911.9', '0', '2025-03-10T13:46:46.000Z'],
      // Line 7: Canceled after 1 of 3 filled: the filled contract is imported.
      ['order:621235571927', 'sell', '1', '2915.3', '0', '2025-03-10T13:52:03.000Z'],
    ]);
    expect(result.executions[0]).toMatchObject({ orderId: '621235571865', account: 'DEMO1234567', currency: 'USD' });
    expect(result.warnings.map((w) => [w.line, w.column])).toEqual([
      [1, null], // one row per order, no commissions, do not import with the Fills report
      [7, 'Status'], // canceled after a partial fill
      [1, 'Fill Time'], // zone assumed
    ]);
  });

  it('warns about a working order that has partly filled instead of importing it half', () => {
    const working = replaceCell(replaceCell(text, 8, 'Filled Qty', '1'), 8, 'filledQty', '1');
    const result = orders(working);
    expect(result.executions).toHaveLength(4);
    expect(result.warnings).toContainEqual({
      file: 'Orders.csv',
      line: 8,
      column: 'Status',
      message: 'order still working; import it when done',
    });
  });

  it('gives the same executions with columns and rows in another order', () => {
    expect(withoutLines(orders(reverseRows(reverseColumns(text))).executions)).toEqual(
      withoutLines(orders(text).executions),
    );
  });

  it('reports bad rows, gives zero fills for a header-only file and throws for another report', () => {
    expect(orders(replaceCell(text, 2, 'Fill Time', 'soon')).errors[0]).toMatchObject({ line: 2, column: 'Fill Time' });
    expect(orders(headerOnly(text))).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
    expect(() => orders(readOwn('tradovate-fills.csv'))).toThrow(ImportFormatError);
  });
});

const FORMATS: readonly BrokerFormat[] = [tradovateFillsFormat, tradovateOrdersFormat];
const ownerOf = (name: string) =>
  name === 'tradovate-fills-orders.csv'
    ? 'tradovate-orders'
    : name.startsWith('tradovate-fills')
      ? 'tradovate-fills'
      : null;
const SAMPLE_CHARS = 64 * 1024;

describe('Tradovate fills and orders detection', () => {
  const fixtures = readdirSync(OWN_DIR).filter((name) => !/\.(ts|md)$/.test(name));

  it('is sure (≥ 0.9) of its own fixtures and doubtful (< 0.3) of every other fixture', () => {
    for (const name of fixtures) {
      const sample = readOwn(name).slice(0, SAMPLE_CHARS);
      for (const format of FORMATS) {
        const confidence = format.detect(sample, name);
        if (ownerOf(name) === format.id) expect(confidence, `${format.id} on ${name}`).toBeGreaterThanOrEqual(0.9);
        else expect(confidence, `${format.id} on ${name}`).toBeLessThan(0.3);
      }
    }
  });

  it('wins app detection on its fixtures with every other format below 0.5', () => {
    for (const name of fixtures.filter((file) => ownerOf(file) !== null)) {
      const [best, runnerUp] = detectFormat(readOwn(name), name);
      expect(best?.format.id, name).toBe(ownerOf(name));
      expect(runnerUp?.confidence ?? 0, name).toBeLessThan(0.5);
    }
  });

  describe.runIf(hasRealFiles)('over the real broker files', () => {
    const names = hasRealFiles ? readdirSync(REAL_DIR).filter((name) => name !== 'SOURCES.md') : [];
    it('is doubtful (< 0.3) of every one', () => {
      for (const name of names)
        for (const format of FORMATS)
          expect(format.detect(readReal(name).slice(0, SAMPLE_CHARS), name), `${format.id} on ${name}`).toBeLessThan(
            0.3,
          );
    });
  });
});
