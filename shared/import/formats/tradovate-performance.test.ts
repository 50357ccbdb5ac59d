import { describe, expect, it } from 'vitest';
import {
  hasRealFiles,
  headerOnly,
  iso,
  noteIfRealFilesMissing,
  quantitiesBySymbol,
  readOwn,
  readReal,
  replaceCell,
  reverseColumns,
  reverseRows,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { ImportFormatError, type ParseContext } from '../types';
import { tradovatePerformanceFormat } from './tradovate-performance';

const parse = (text: string, ctx: Partial<ParseContext> = {}) =>
  tradovatePerformanceFormat.parse(text, { fileName: 'perf.csv', ...ctx });
const fill = (text: string, id: string, ctx: Partial<ParseContext> = {}) => {
  const execution = parse(text, ctx).executions.find((e) => e.brokerExecId === id);
  return execution && { ...execution, executedAt: iso(execution.executedAt) };
};

noteIfRealFilesMissing('tradovate-performance');

describe.runIf(hasRealFiles)('Tradovate Performance real export (tradovate-performance.csv)', () => {
  const text = hasRealFiles ? readReal('tradovate-performance.csv') : '';

  it('turns 39 pair rows into 52 fills, one per distinct buyFillId / sellFillId', () => {
    // `cut -d, -f5,6` of the 39 rows lists 52 distinct fill ids.
    const result = parse(text);
    expect(result.executions).toHaveLength(52);
    expect(new Set(result.executions.map((e) => e.brokerExecId)).size).toBe(52);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'the Performance report has no commissions; fees are set to 0',
      'times have no zone; read as America/Chicago',
    ]);
  });

  it('sums a fill split across pairs, on both long and short pairs', () => {
    // Sell fill 147190162923 closes 10 pairs of 3 (lines 23-32): 30 @ 21485.25 at
    // 12/10/2024 10:12:01 Chicago (CST, UTC-6) → 16:12:01Z; first seen on line 23.
    expect(fill(text, '147190162923')).toEqual({
      brokerExecId: '147190162923',
      orderId: null,
      account: null,
      symbol: 'MNQZ4',
      assetClass: 'future',
      side: 'sell',
      quantity: '30',
      price: '21485.25',
      fee: '0',
      currency: null,
      executedAt: '2024-12-10T16:12:01.000Z',
      line: 23,
    });
    // MBTZ4 buy 147190162555 is on lines 7-9 (1 each) @ 96940 at 09:42:40 → 15:42:40Z.
    expect(fill(text, '147190162555')).toMatchObject({
      symbol: 'MBTZ4',
      side: 'buy',
      quantity: '3',
      price: '96940',
      executedAt: '2024-12-10T15:42:40.000Z',
      line: 7,
    });
    // MBTZ4 sell 147190162738 is on lines 9-16 (1 each) @ 96555 at 09:57:00 → 15:57:00Z.
    expect(fill(text, '147190162738')).toMatchObject({
      side: 'sell',
      quantity: '8',
      price: '96555',
      executedAt: '2024-12-10T15:57:00.000Z',
    });
    // Short pairs, lines 19-20: sold 147190162782 (10:01:23) and …788 (10:01:40) before buying …794 (3+3) at 10:01:56.
    expect(fill(text, '147190162782')).toMatchObject({
      side: 'sell',
      quantity: '3',
      price: '21489.5',
      executedAt: '2024-12-10T16:01:23.000Z',
    });
    expect(fill(text, '147190162794')).toMatchObject({
      side: 'buy',
      quantity: '6',
      price: '21494',
      executedAt: '2024-12-10T16:01:56.000Z',
      line: 19,
    });
  });

  it('conserves quantity per symbol (sum of qty column: MNQZ4 70, MBTZ4 20)', () => {
    expect(quantitiesBySymbol(parse(text).executions)).toEqual({
      MNQZ4: { buy: '70', sell: '70' },
      MBTZ4: { buy: '20', sell: '20' },
    });
  });

  it('returns fills in time order, and the same fills with columns and rows in another order', () => {
    const times = parse(text).executions.map((e) => e.executedAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(withoutLines(parse(reverseRows(reverseColumns(text))).executions)).toEqual(
      withoutLines(parse(text).executions),
    );
  });
});

describe('Tradovate Performance invented export (tests/fixtures/brokers/tradovate-performance.csv)', () => {
  const text = readOwn('tradovate-performance.csv');

  it('rebuilds 8 fills, across the fall-back weekend', () => {
    const result = parse(text);
    expect(result.executions).toHaveLength(8);
    expect(result.errors).toEqual([]);
    // 9002 is on lines 3 and 4 (1 + 2) @ 5751 at 11/01/2024 08:31:00 CDT (UTC-5) → 13:31Z.
    expect(fill(text, '9002')).toMatchObject({
      side: 'buy',
      quantity: '3',
      price: '5751',
      executedAt: '2024-11-01T13:31:00.000Z',
      line: 3,
    });
    // 9101 closes 2 + 1 on lines 2-3 @ 5752.
    expect(fill(text, '9101')).toMatchObject({
      side: 'sell',
      quantity: '3',
      price: '5752',
      executedAt: '2024-11-01T13:41:10.000Z',
    });
    // Short pair on line 5, sold first: Sunday 11/03/2024 17:05 CST (UTC-6, after fall-back) → 23:05Z.
    expect(fill(text, '9103')).toMatchObject({
      side: 'sell',
      quantity: '4',
      price: '5735',
      executedAt: '2024-11-03T23:05:00.000Z',
    });
    expect(fill(text, '9104')).toMatchObject({
      side: 'buy',
      quantity: '4',
      price: '5741',
      executedAt: '2024-11-04T14:31:10.000Z',
    });
    expect(quantitiesBySymbol(result.executions)).toEqual({
      ESZ4: { buy: '9', sell: '9' },
      MESZ4: { buy: '1', sell: '1' },
    });
  });

  it('reads times in the zone the import names', () => {
    expect(fill(text, '9001', { timeZone: 'America/New_York' })?.executedAt).toBe('2024-11-01T12:30:05.000Z');
    expect(parse(text, { timeZone: 'America/New_York' }).warnings.map((w) => w.column)).toEqual([null]);
  });

  it('rejects a pair row that disagrees with an earlier row about a fill, adding nothing from it', () => {
    // Line 4 says fill 9002 was at 5751.25, line 3 said 5751: the whole row is skipped.
    const result = parse(replaceCell(text, 4, 'buyPrice', '5751.25'));
    expect(result.errors).toEqual([
      {
        file: 'perf.csv',
        line: 4,
        column: 'buyPrice',
        message: 'fill 9002 (first on line 3) was at 5751, here at 5751.25',
      },
    ]);
    expect(result.executions.find((e) => e.brokerExecId === '9002')?.quantity).toBe('1');
    expect(result.executions.find((e) => e.brokerExecId === '9102')).toBeUndefined();
  });

  it('skips a repeated pair row instead of doubling its fills', () => {
    // Two overlapping exports pasted together: line 7 repeats line 2 (pair 9001/9101).
    const lines = text.trimEnd().split('\n');
    const result = parse([...lines, lines[1] ?? ''].join('\n'));
    expect(result.ignored).toBe(1);
    expect(result.warnings[0]).toEqual({
      file: 'perf.csv',
      line: 7,
      column: 'buyFillId',
      message: 'fills 9001 and 9101 were already paired on line 2; row skipped',
    });
    expect(withoutLines(result.executions)).toEqual(withoutLines(parse(text).executions));
  });

  it('reports bad cells by line and column', () => {
    expect(parse(replaceCell(text, 2, 'qty', '')).errors[0]).toMatchObject({ line: 2, column: 'qty' });
    expect(parse(replaceCell(text, 3, 'soldTimestamp', '13/45/2024 08:41:10')).errors[0]).toMatchObject({
      line: 3,
      column: 'soldTimestamp',
    });
    expect(parse(replaceCell(text, 6, 'sellFillId', '')).errors[0]).toMatchObject({ line: 6, column: 'sellFillId' });
  });

  it('gives zero fills for a header-only file and throws for another format', () => {
    expect(parse(headerOnly(text))).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
    expect(() => parse(readOwn('tradovate-position-history.csv'))).toThrow(ImportFormatError);
  });
});
