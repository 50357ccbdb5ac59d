import { readdirSync, readFileSync } from 'node:fs';
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
  totalFees,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { decodeBytes } from '../decode';
import { detectFormat } from '../detect';
import { ImportFormatError, type ParseContext } from '../types';
import { tradestationFormat } from './tradestation';

const text = readOwn('tradestation.csv');
const parse = (csv: string, ctx: Partial<ParseContext> = {}) =>
  tradestationFormat.parse(csv, { fileName: 'ts.csv', ...ctx });
const at = (csv: string, line: number) => {
  const execution = parse(csv).executions.find((e) => e.line === line);
  return execution && { ...execution, executedAt: iso(execution.executedAt) };
};

noteIfRealFilesMissing('tradestation');

describe('tradestation detection', () => {
  it('is sure of its own export and the clear winner among the registered formats', () => {
    expect(tradestationFormat.detect(text, 'tradestation.csv')).toBeGreaterThanOrEqual(0.9);
    const [best, runnerUp] = detectFormat(text, 'Orders.csv');
    expect(best?.format.id).toBe('tradestation');
    expect(runnerUp?.confidence ?? 0).toBeLessThan(0.5);
  });

  it('is doubtful of every other invented fixture', () => {
    const others = readdirSync(OWN_DIR).filter((n) => n !== 'tradestation.csv' && !n.endsWith('.ts'));
    for (const name of others) {
      const sample = decodeBytes(readFileSync(`${OWN_DIR}${name}`)).text;
      expect(tradestationFormat.detect(sample, name), name).toBeLessThan(0.3);
    }
  });

  describe.runIf(hasRealFiles)('on the real broker files', () => {
    it('is doubtful of each', () => {
      for (const name of readdirSync(REAL_DIR).filter((n) => n !== 'SOURCES.md')) {
        expect(tradestationFormat.detect(readReal(name).slice(0, 65536), name), name).toBeLessThan(0.3);
      }
    });
  });
});

describe('tradestation on the invented orders export (tests/fixtures/brokers/tradestation.csv)', () => {
  const result = parse(text);

  it('imports filled quantities and ignores orders that never filled', () => {
    expect(result.executions.map((e) => e.line)).toEqual([2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14]);
    // Line 6 Rejected, line 8 Canceled with nothing filled, line 15 Expired.
    expect(result.ignored).toBe(3);
    expect(result.errors).toEqual([]);
  });

  it('matches hand-checked orders', () => {
    // Line 4: "@ESH25" market buy 2 at 5801.25 on 3/10/2025 9:31:02 AM, the first trading day of
    // EDT (UTC−4) → 13:31:02Z; "$2.80" commission; "@" dropped from the symbol.
    expect(at(text, 4)).toEqual({
      brokerExecId: '742118313',
      orderId: '742118313',
      account: '21012345',
      symbol: 'ESH25',
      assetClass: 'future',
      side: 'buy',
      quantity: '2',
      price: '5801.25',
      fee: '2.8',
      currency: 'USD',
      executedAt: '2025-03-10T13:31:02.000Z',
      line: 4,
    });
    // Line 2: stop limit for 3 MNQ, Canceled after 1 filled: the 1 is a fill.
    expect(at(text, 2)).toMatchObject({ symbol: 'MNQH25', side: 'sell', quantity: '1', price: '20150.25' });
    // Line 7: Sell Short TSLA filled 3/7/2025 3:59:00 PM, still EST (UTC−5) → 20:59:00Z.
    expect(at(text, 7)).toMatchObject({ side: 'sell', quantity: '50', executedAt: '2025-03-07T20:59:00.000Z' });
    // Line 5: Buy to Cover on 3/10 9:30:05 AM EDT → 13:30:05Z.
    expect(at(text, 5)).toMatchObject({ side: 'buy', price: '248.925', executedAt: '2025-03-10T13:30:05.000Z' });
    // Line 9: Partial Fill, 60 of 100 so far: 60 imported, with a warning (below).
    expect(at(text, 9)).toMatchObject({ symbol: 'AAPL', side: 'sell', quantity: '60', fee: '0.6' });
    // Line 11: "1,000" shares of F at 10.015, "$0.00" commission.
    expect(at(text, 11)).toMatchObject({ symbol: 'F', quantity: '1000', price: '10.015', fee: '0' });
    // Line 12: Partial Fill (UROut): 200 of 300 filled and the rest cancelled; no warning.
    expect(at(text, 12)).toMatchObject({ quantity: '200', executedAt: '2025-01-21T20:59:58.000Z' });
    // Line 14: Buy To Open 2 AAPL 250117C240 (option, per-share price) at 5.35.
    expect(at(text, 14)).toMatchObject({
      symbol: 'AAPL 250117C240',
      assetClass: 'option',
      side: 'buy',
      quantity: '2',
      price: '5.35',
      fee: '1.3',
      executedAt: '2025-01-10T15:15:22.000Z',
    });
  });

  it('conserves quantities and fees', () => {
    expect(quantitiesBySymbol(result.executions)).toEqual({
      MNQH25: { buy: '0', sell: '1' },
      ESH25: { buy: '2', sell: '2' },
      TSLA: { buy: '50', sell: '50' },
      AAPL: { buy: '100', sell: '60' },
      F: { buy: '1000', sell: '0' },
      MSFT: { buy: '200', sell: '0' },
      'AAPL 250117C240': { buy: '2', sell: '2' },
    });
    // 0.74 + 2.80 + 2.80 + 0.50 + 0.50 + 0.60 + 1.00 + 0 + 2.00 + 1.30 + 1.30.
    expect(totalFees(result.executions)).toBe('13.54');
  });

  it('warns about the assumed zone and the still-working order', () => {
    expect(result.warnings.map((w) => [w.line, w.column])).toEqual([
      [1, null],
      [9, 'Status'],
    ]);
    expect(result.warnings[1]?.message).toContain('order 742118308 was still working (Partial Fill)');
    const chicago = parse(text, { timeZone: 'America/Chicago' });
    expect(iso(chicago.executions[2]?.executedAt ?? 0)).toBe('2025-03-10T14:31:02.000Z');
    expect(chicago.warnings).toHaveLength(1);
  });

  it('reports bad rows by line and column', () => {
    expect(parse(replaceCell(text, 3, 'Side', 'Hold')).errors).toEqual([
      { file: 'ts.csv', line: 3, column: 'Side', message: 'Side "Hold" is not a buy or a sell' },
    ]);
    expect(parse(replaceCell(text, 4, 'Filled', '3/32/2025 9:31:02 AM')).errors[0]).toMatchObject({
      line: 4,
      column: 'Filled',
    });
    expect(parse(replaceCell(text, 5, 'Avg Fill Price', '')).errors[0]).toMatchObject({
      line: 5,
      column: 'Avg Fill Price',
    });
    expect(parse(replaceCell(text, 10, 'Filled Qty', 'all')).errors[0]).toMatchObject({
      line: 10,
      column: 'Filled Qty',
    });
    expect(parse(replaceCell(text, 10, 'Filled Qty', '0')).errors[0]).toMatchObject({
      line: 10,
      message: 'order is Filled but no quantity filled',
    });
  });

  it('gives the same fills with columns and rows in another order, or under the other header names', () => {
    const expected = withoutLines(result.executions);
    expect(withoutLines(parse(reverseRows(reverseColumns(text))).executions)).toEqual(expected);
    const renamed = text.replace(
      /^.*$/m,
      'Account,Order ID,Symbol,Type,Side,Quantity,Qty Filled,Limit Price,Stop Price,Fill Price,Status,Entered,Filled Time,Duration,Routing,Commission',
    );
    expect(withoutLines(parse(renamed).executions)).toEqual(expected);
  });

  it('counts Qty for Filled orders when the export has no filled-quantity column', () => {
    const csv = 'Order #,Symbol,Side,Qty,Avg Fill Price,Status,Filled\n1,AAPL,Buy,10,200,Filled,3/7/2025 10:00:00 AM\n';
    expect(parse(csv).executions[0]).toMatchObject({ quantity: '10', fee: '0', account: null });
  });

  it('warns that a continuous contract does not say its month', () => {
    const parsed = parse(replaceCell(text, 4, 'Symbol', '@ES'));
    expect(parsed.executions.find((e) => e.line === 4)).toMatchObject({ symbol: 'ES', assetClass: 'future' });
    expect(parsed.warnings.map((w) => w.message)).toContain(
      '@ES is a continuous contract; the file does not say which month filled.',
    );
  });

  it('gives zero fills for a header-only file and throws for another format', () => {
    expect(parse(headerOnly(text), { timeZone: 'America/New_York' })).toEqual({
      executions: [],
      ignored: 0,
      errors: [],
      warnings: [],
    });
    expect(() => parse(readOwn('tradezero.csv'))).toThrow(ImportFormatError);
    expect(() => parse('')).toThrow(ImportFormatError);
  });
});
