import { readdirSync } from 'node:fs';
import fc from 'fast-check';
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
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { detectFormat } from '../detect';
import { ImportFormatError, type ParseContext } from '../types';
import { webullOrdersFormat } from './webull-orders';

const parse = (text: string, ctx: Partial<ParseContext> = {}) =>
  webullOrdersFormat.parse(text, { fileName: 'Webull_Orders_Records.csv', ...ctx });
const brief = (text: string) =>
  parse(text).executions.map((e) => [e.line, e.symbol, e.side, e.quantity, e.price, iso(e.executedAt)]);

noteIfRealFilesMissing('webull-orders');

describe('Webull stock orders (tests/fixtures/brokers/webull-orders.csv)', () => {
  const text = readOwn('webull-orders.csv');

  it('makes one execution per order that filled, at its filled quantity, average price and filled time', () => {
    // UTF-8 BOM and CRLF. Times carry EST/EDT, read as fixed offsets either side of the 2025-03-09 DST change.
    expect(brief(text)).toEqual([
      [2, 'AAPL', 'buy', '100', '239.5', '2025-03-07T20:59:58.000Z'], // 15:59:58 EST (UTC−5)
      [3, 'AAPL', 'sell', '100', '236.12', '2025-03-10T13:30:01.000Z'], // 09:30:01 EDT (UTC−4)
      [4, 'GME', 'sell', '1000', '25.12', '2025-03-11T14:00:03.000Z'], // Short; "1,000"; 25.1200000000
      [5, 'GME', 'buy', '600', '24.48', '2025-03-11T15:30:12.000Z'], // Partially Filled: 600 of 1,000
      [8, 'TSLA', 'sell', '20', '250', '2025-03-12T14:00:05.000Z'], // Cancelled after 20 filled; "@250.00"
    ]);
    const result = parse(text);
    // Ignored: line 6 (Cancelled, 0 filled), 7 (Failed), 9 (Pending).
    expect(result).toMatchObject({ ignored: 3, errors: [] });
    expect(result.executions[0]).toEqual({
      brokerExecId: null,
      orderId: null,
      account: null,
      symbol: 'AAPL',
      assetClass: 'stock',
      side: 'buy',
      quantity: '100',
      price: '239.5',
      fee: '0',
      currency: null,
      executedAt: Date.parse('2025-03-07T20:59:58Z'),
      line: 2,
    });
    expect(result.warnings).toEqual([
      {
        file: 'Webull_Orders_Records.csv',
        line: 1,
        column: null,
        message: "Webull's order export has no fees or commissions; fees are set to 0",
      },
      {
        file: 'Webull_Orders_Records.csv',
        line: 5,
        column: 'Filled',
        message: 'order Partially Filled: imported the 600 of 1000 that filled',
      },
      {
        file: 'Webull_Orders_Records.csv',
        line: 8,
        column: 'Filled',
        message: 'order Cancelled: imported the 20 of 50 that filled',
      },
    ]);
  });

  it('reads a time without a zone in the default zone and says so, or in the trader’s zone silently', () => {
    const zoneless = replaceCell(text, 2, 'Filled Time', '03/07/2025 15:59:58');
    expect(iso(parse(zoneless).executions[0]?.executedAt ?? 0)).toBe('2025-03-07T20:59:58.000Z');
    expect(parse(zoneless).warnings.at(-1)).toMatchObject({
      line: 1,
      column: 'Filled Time',
      message: 'times have no zone; read as America/New_York',
    });
    const inChicago = parse(zoneless, { timeZone: 'America/Chicago' });
    expect(iso(inChicago.executions[0]?.executedAt ?? 0)).toBe('2025-03-07T21:59:58.000Z');
    // The zone in the other cells still wins over the trader's zone.
    expect(iso(inChicago.executions[1]?.executedAt ?? 0)).toBe('2025-03-10T13:30:01.000Z');
  });

  it('gives the same executions with columns and rows in any order', () => {
    const expected = withoutLines(parse(text).executions);
    expect(withoutLines(parse(reverseRows(reverseColumns(text))).executions)).toEqual(expected);
    const [header = '', ...rows] = text.split('\r\n').filter((line) => line !== '');
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: rows.length }), (shuffled) => {
        expect(withoutLines(parse([header, ...shuffled].join('\n')).executions)).toEqual(expected);
      }),
    );
  });

  it('reports bad rows by line and column', () => {
    expect(parse(replaceCell(text, 2, 'Side', 'Hold')).errors).toEqual([
      { file: 'Webull_Orders_Records.csv', line: 2, column: 'Side', message: 'Side "Hold" is not Buy, Sell or Short' },
    ]);
    expect(parse(replaceCell(text, 3, 'Avg Price', '')).errors[0]).toMatchObject({ line: 3, column: 'Avg Price' });
    expect(parse(replaceCell(text, 4, 'Filled Time', '')).errors[0]).toMatchObject({ line: 4, column: 'Filled Time' });
    expect(parse(replaceCell(text, 5, 'Filled Time', '03/11/2025 11:30:12 XYZ')).errors[0]).toMatchObject({
      line: 5,
      column: 'Filled Time',
    });
  });

  it('gives zero fills for a header-only file and throws for another format', () => {
    expect(parse(headerOnly(text))).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
    expect(() => parse(readOwn('tradezero.csv'))).toThrow(ImportFormatError);
    expect(() => parse(readOwn('tradovate-fills.csv'))).toThrow(ImportFormatError);
  });
});

describe('Webull option orders (tests/fixtures/brokers/webull-options.csv)', () => {
  const text = readOwn('webull-options.csv');

  it('imports option legs by their OCC symbol and skips multi-leg summary rows', () => {
    const result = parse(text);
    // Line 4 is the summary of the SPY vertical on lines 5-6; line 7 was cancelled with nothing filled.
    expect(result.ignored).toBe(2);
    expect(brief(text)).toEqual([
      [2, 'AAPL250321C00240000', 'buy', '2', '3.05', '2025-03-10T14:02:11.000Z'],
      [3, 'AAPL250321C00240000', 'sell', '2', '4.25', '2025-03-11T18:00:07.000Z'],
      [5, 'SPY250321C00570000', 'sell', '1', '1.75', '2025-03-12T15:15:04.000Z'],
      [6, 'SPY250321C00575000', 'buy', '1', '0.62', '2025-03-12T15:15:04.000Z'],
    ]);
    expect(result.executions.every((e) => e.assetClass === 'option')).toBe(true);
    expect(quantitiesBySymbol(result.executions)).toEqual({
      AAPL250321C00240000: { buy: '2', sell: '2' },
      SPY250321C00570000: { buy: '0', sell: '1' },
      SPY250321C00575000: { buy: '1', sell: '0' },
    });
  });
});

const SAMPLE_CHARS = 64 * 1024;

describe('Webull detection', () => {
  const fixtures = readdirSync(OWN_DIR).filter((name) => !/\.(ts|md)$/.test(name));
  const owns = (name: string) => name.startsWith('webull');

  it('is sure (≥ 0.9) of its own fixtures and doubtful (< 0.3) of every other fixture', () => {
    for (const name of fixtures) {
      const confidence = webullOrdersFormat.detect(readOwn(name).slice(0, SAMPLE_CHARS), name);
      if (owns(name)) expect(confidence, name).toBeGreaterThanOrEqual(0.9);
      else expect(confidence, name).toBeLessThan(0.3);
    }
  });

  it('wins app detection on its fixtures with every other format below 0.5', () => {
    for (const name of fixtures.filter(owns)) {
      const [best, runnerUp] = detectFormat(readOwn(name), name);
      expect(best?.format.id, name).toBe('webull-orders');
      expect(runnerUp?.confidence ?? 0, name).toBeLessThan(0.5);
    }
  });

  describe.runIf(hasRealFiles)('over the real broker files', () => {
    const names = hasRealFiles ? readdirSync(REAL_DIR).filter((name) => name !== 'SOURCES.md') : [];
    it('is doubtful (< 0.3) of every one', () => {
      for (const name of names)
        expect(webullOrdersFormat.detect(readReal(name).slice(0, SAMPLE_CHARS), name), name).toBeLessThan(0.3);
    });
  });
});
