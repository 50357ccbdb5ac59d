import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasRealFiles,
  headerOnly,
  iso,
  noteIfRealFilesMissing,
  OWN_DIR,
  readOwn,
  readReal,
  REAL_DIR,
  replaceCell,
  reverseColumns,
  reverseRows,
  toCsvLine,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { parseCsv } from '../csv';
import { detectFormat } from '../detect';
import { ImportFormatError, type ParseContext } from '../types';
import { ibkrTransactionsCsvFormat } from './ibkr-transactions-csv';

const parse = (text: string, ctx: Partial<ParseContext> = {}) =>
  ibkrTransactionsCsvFormat.parse(text, { fileName: 'th.csv', ...ctx });
const times = (text: string) =>
  parse(text).executions.map((e) => [e.line, e.symbol, e.side, e.quantity, iso(e.executedAt)]);

noteIfRealFilesMissing('ibkr-transactions-csv');

describe('IBKR Transaction History, Portal layout (tests/fixtures/brokers/ibkr-transactions.csv)', () => {
  const text = readOwn('ibkr-transactions.csv');

  it('imports Buy and Sell rows and counts the other rows as ignored', () => {
    const result = parse(text);
    // Ignored: credit interest (11), deposit (13), dividend (16), FX conversion (19), market data fee (21).
    expect(result.ignored).toBe(5);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => [w.line, w.column])).toEqual([
      [19, 'Transaction Type'], // "Forex Trade Component" moves EUR.USD but is not a buy or sell
      [10, 'Date'], // no times in the export
    ]);
    expect(result.warnings[1]?.message).toContain('12:00 America/New_York');
  });

  it('places fills at noon on their date, one second apart in the order they happened', () => {
    // The file lists newest first, so on 2025-03-11 the fills happened bottom-up: buy 20 (line 17), buy 30
    // (15), sell 50 (14). Noon EDT (UTC−4) is 16:00Z; 03-06 and 03-07 are still EST (UTC−5): 17:00Z.
    expect(times(text)).toEqual([
      [12, 'SPY 21MAR25 580 C', 'buy', '2', '2025-03-13T16:00:00.000Z'],
      [14, 'NVDA', 'sell', '50', '2025-03-11T16:00:02.000Z'],
      [15, 'NVDA', 'buy', '30', '2025-03-11T16:00:01.000Z'],
      [17, 'NVDA', 'buy', '20', '2025-03-11T16:00:00.000Z'],
      [18, 'AAPL', 'sell', '100', '2025-03-10T16:00:00.000Z'],
      [20, 'AAPL', 'buy', '100', '2025-03-07T17:00:00.000Z'],
      [22, 'MESM5', 'buy', '1', '2025-03-06T17:00:00.000Z'],
    ]);
  });

  it('matches a hand-derived fill', () => {
    // Line 18: Sell −100.0 AAPL @236.12, Commission −1.0216 → fee 1.0216; no id, masked account kept.
    expect(parse(text).executions.find((e) => e.line === 18)).toEqual({
      brokerExecId: null,
      orderId: null,
      account: 'U***4321',
      symbol: 'AAPL',
      assetClass: 'stock',
      side: 'sell',
      quantity: '100',
      price: '236.12',
      fee: '1.0216',
      currency: 'USD',
      executedAt: Date.parse('2025-03-10T16:00:00Z'),
      line: 18,
    });
    // The symbol tells the asset class: IBKR option description, known futures root.
    const classes = parse(text).executions.map((e) => e.assetClass);
    expect(classes).toEqual(['option', 'stock', 'stock', 'stock', 'stock', 'stock', 'future']);
  });

  it('keeps the times of a day when a later export of it has more fills, so re-importing dedupes', () => {
    // An export taken later lists a new NVDA sell on 2025-03-11 above the three known fills (newest first).
    const later = text.replace(
      'Transaction History,Data,2025-03-11,U***4321,NVIDIA CORP,Sell',
      'Transaction History,Data,2025-03-11,U***4321,NVIDIA CORP,Sell,NVDA,-1.0,113,USD,113.0,-0.35,112.65\n' +
        'Transaction History,Data,2025-03-11,U***4321,NVIDIA CORP,Sell',
    );
    const known = withoutLines(parse(text).executions);
    const again = withoutLines(parse(later).executions);
    expect(again).toEqual(expect.arrayContaining(known));
    expect(again.find((e) => e.symbol === 'NVDA' && e.quantity === '1')?.executedAt).toBe(
      Date.parse('2025-03-11T16:00:03Z'),
    );
  });

  it('gives the same fills with the section columns in another order', () => {
    const rows = parseCsv(text).rows.map(({ fields }) =>
      toCsvLine(fields[0] === 'Transaction History' ? [...fields.slice(0, 2), ...fields.slice(2).reverse()] : fields),
    );
    expect(withoutLines(parse(rows.join('\n')).executions)).toEqual(withoutLines(parse(text).executions));
  });

  it('reports bad rows by line and column', () => {
    const broken = text
      .replace('NVDA,30.0,110.5', 'NVDA,30.0,n/a')
      .replace('2025-03-10,U***4321,APPLE', '2025-02-30,U***4321,APPLE');
    expect(parse(broken).errors.map((e) => [e.line, e.column])).toEqual([
      [15, 'Price'],
      [18, 'Date'],
    ]);
  });

  it('gives zero fills for an export with no rows, and throws for another format', () => {
    const empty = text.split('\n').slice(0, 10).join('\n');
    expect(parse(empty)).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
    expect(() => parse(readOwn('ibkr-activity.csv'))).toThrow(ImportFormatError);
    expect(() => parse(readOwn('tradezero.csv'))).toThrow(ImportFormatError);
  });
});

describe('IBKR Transaction History, plain table (tests/fixtures/brokers/ibkr-transactions-plain.csv)', () => {
  const text = readOwn('ibkr-transactions-plain.csv');

  it('reads the plain layout oldest first, in file order within a day', () => {
    // 2025-01-02 noon EST = 17:00Z: the buy (line 3) before the sell (line 4); "1,000" is 1000.
    expect(times(text)).toEqual([
      [3, 'Z74', 'buy', '1000', '2025-01-02T17:00:00.000Z'],
      [4, 'Z74', 'sell', '400', '2025-01-02T17:00:01.000Z'],
      [6, 'AAPL', 'buy', '10', '2025-01-06T17:00:00.000Z'],
    ]);
    expect(parse(text).executions[0]).toMatchObject({ currency: 'SGD', fee: '2.5', account: 'U1234567' });
    expect(parse(text).ignored).toBe(2);
  });

  it('places a day in the trader’s zone when given one, without naming the default', () => {
    const result = parse(text, { timeZone: 'Asia/Singapore' });
    // Noon in Singapore (UTC+8) is 04:00Z.
    expect(iso(result.executions[0]?.executedAt ?? 0)).toBe('2025-01-02T04:00:00.000Z');
    expect(result.warnings.at(-1)?.message).toContain('12:00 Asia/Singapore');
  });

  it('gives the same fills with columns reordered, and with rows reversed (newest first)', () => {
    const expected = withoutLines(parse(text).executions);
    expect(withoutLines(parse(reverseColumns(text)).executions)).toEqual(expected);
    expect(withoutLines(parse(reverseRows(text)).executions)).toEqual(expected);
  });

  it('gives the same times whether a file of several days runs oldest or newest first', () => {
    const header = text.split('\n')[0] ?? '';
    const trade = fc.record({
      day: fc.integer({ min: 2, max: 6 }),
      buy: fc.boolean(),
      qty: fc.integer({ min: 1, max: 9 }),
    });
    fc.assert(
      fc.property(fc.array(trade, { minLength: 2, maxLength: 12 }), (trades) => {
        fc.pre(new Set(trades.map((t) => t.day)).size > 1);
        const rows = [...trades]
          .sort((a, b) => a.day - b.day)
          .map((t) => `2025-01-0${t.day},U1,X,${t.buy ? 'Buy' : 'Sell'},AAPL,${t.buy ? t.qty : -t.qty},1,USD,0,0,0`);
        const oldestFirst = withoutLines(parse([header, ...rows].join('\n')).executions);
        const newestFirst = withoutLines(parse([header, ...rows.reverse()].join('\n')).executions);
        expect(newestFirst).toEqual(oldestFirst);
      }),
    );
  });

  it('reports a bad quantity on a trade row by line and column, and gives zero fills for a header-only file', () => {
    expect(parse(replaceCell(text, 3, 'Quantity', 'lots')).errors[0]).toMatchObject({ line: 3, column: 'Quantity' });
    // Line 5 is an FX conversion: ignored, so its cells are never read.
    expect(parse(replaceCell(text, 5, 'Quantity', 'lots')).errors).toEqual([]);
    expect(parse(headerOnly(text))).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
  });
});

const SAMPLE_CHARS = 64 * 1024;

describe('IBKR Transaction History detection', () => {
  const fixtures = readdirSync(OWN_DIR).filter((name) => !/\.(ts|md)$/.test(name));
  const owns = (name: string) => name.startsWith('ibkr-transactions');

  it('is sure (≥ 0.9) of its own fixtures and doubtful (< 0.3) of every other fixture', () => {
    for (const name of fixtures) {
      const confidence = ibkrTransactionsCsvFormat.detect(readOwn(name).slice(0, SAMPLE_CHARS), name);
      if (owns(name)) expect(confidence, name).toBeGreaterThanOrEqual(0.9);
      else expect(confidence, name).toBeLessThan(0.3);
    }
  });

  it('wins app detection on its fixtures with every other format below 0.5', () => {
    for (const name of fixtures.filter(owns)) {
      const [best, runnerUp] = detectFormat(readOwn(name), name);
      expect(best?.format.id, name).toBe('ibkr-transactions-csv');
      expect(runnerUp?.confidence ?? 0, name).toBeLessThan(0.5);
    }
  });

  describe.runIf(hasRealFiles)('over the real broker files', () => {
    const names = hasRealFiles ? readdirSync(REAL_DIR).filter((name) => name !== 'SOURCES.md') : [];
    it('is doubtful (< 0.3) of every one', () => {
      for (const name of names)
        expect(ibkrTransactionsCsvFormat.detect(readReal(name).slice(0, SAMPLE_CHARS), name), name).toBeLessThan(0.3);
    });
  });
});
