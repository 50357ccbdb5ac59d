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
import { tradovatePositionHistoryFormat } from './tradovate-position-history';

const parse = (text: string, ctx: Partial<ParseContext> = {}) =>
  tradovatePositionHistoryFormat.parse(text, { fileName: 'positions.csv', ...ctx });
const fill = (text: string, id: string) => {
  const execution = parse(text).executions.find((e) => e.brokerExecId === id);
  return execution && { ...execution, executedAt: iso(execution.executedAt) };
};

noteIfRealFilesMissing('tradovate-position-history');

describe.runIf(hasRealFiles)('Tradovate Position History real export (tradovate-position-history.csv)', () => {
  const text = hasRealFiles ? readReal('tradovate-position-history.csv') : '';

  it('turns 5 pair rows into 10 fills and warns that the pairs do not cover the position', () => {
    const result = parse(text);
    expect(result.executions).toHaveLength(10);
    expect(result.errors).toEqual([]);
    expect(result.ignored).toBe(0);
    // Bought = Sold = 24 on every row, but the Paired Qty column sums to 5+1+2+2+5 = 15.
    expect(result.warnings[0]).toEqual({
      file: 'positions.csv',
      line: 2,
      column: 'Paired Qty',
      message:
        'position 465747740010: pairs cover 15 of 24 bought and 24 sold; fills for the other 9 are not in this file',
    });
  });

  it('matches hand-checked fills', () => {
    // Line 2: buy 465747740203 / sell …221, 5 @ 25073.25 / 25072.00, both 04/09/2026 17:14:44
    // Chicago (CDT, UTC-5) → 22:14:44Z.
    expect(fill(text, '465747740203')).toEqual({
      brokerExecId: '465747740203',
      orderId: null,
      account: 'ACCOUNT-REDACTED',
      symbol: 'MNQM6',
      assetClass: 'future',
      side: 'buy',
      quantity: '5',
      price: '25073.25',
      fee: '0',
      currency: 'USD',
      executedAt: '2026-04-09T22:14:44.000Z',
      line: 2,
    });
    expect(fill(text, '465747740221')).toMatchObject({
      side: 'sell',
      quantity: '5',
      price: '25072',
      executedAt: '2026-04-09T22:14:44.000Z',
    });
    // Line 5, a short pair: sold …106 at 15:36:31 (20:36:31Z), bought …125 at 15:37:06 (20:37:06Z), 2 lots.
    expect(fill(text, '465747740106')).toMatchObject({
      side: 'sell',
      quantity: '2',
      price: '25051',
      executedAt: '2026-04-09T20:36:31.000Z',
    });
    expect(fill(text, '465747740125')).toMatchObject({
      side: 'buy',
      quantity: '2',
      price: '25064',
      executedAt: '2026-04-09T20:37:06.000Z',
    });
  });

  it('conserves quantity per symbol (Paired Qty sums to 15)', () => {
    expect(quantitiesBySymbol(parse(text).executions)).toEqual({ MNQM6: { buy: '15', sell: '15' } });
  });

  it('gives the same fills with columns and rows in another order', () => {
    expect(withoutLines(parse(reverseRows(reverseColumns(text))).executions)).toEqual(
      withoutLines(parse(text).executions),
    );
  });
});

describe('Tradovate Position History invented export (tests/fixtures/brokers/tradovate-position-history.csv)', () => {
  const text = readOwn('tradovate-position-history.csv');

  it('rebuilds 7 fills and skips the position row that has no pairs', () => {
    const result = parse(text);
    expect(result.executions).toHaveLength(7);
    expect(result.ignored).toBe(1);
    expect(result.errors).toEqual([]);
    // F3 closes both pairs of position 700 (1 + 2) @ 5753 at 11/01/2024 09:00 CDT → 14:00Z.
    expect(fill(text, 'F3')).toMatchObject({
      account: 'DEMO-1',
      side: 'sell',
      quantity: '3',
      price: '5753',
      executedAt: '2024-11-01T14:00:00.000Z',
      line: 2,
    });
    // Position 703 is short: F7 sold 11/04/2024 09:00 CST (UTC-6) → 15:00Z, before F6 was bought.
    expect(fill(text, 'F7')).toMatchObject({
      account: 'DEMO-2',
      side: 'sell',
      price: '5745',
      executedAt: '2024-11-04T15:00:00.000Z',
    });
    expect(quantitiesBySymbol(result.executions)).toEqual({
      ESZ4: { buy: '4', sell: '4' },
      MNQZ4: { buy: '1', sell: '1' },
    });
  });

  it('warns about open or partly paired positions', () => {
    const messages = parse(text).warnings.map((w) => `${w.line}: ${w.message}`);
    expect(messages).toEqual([
      '4: position 701: pairs cover 1 of 2 bought and 1 sold; fills for the other 1 are not in this file',
      '5: position 702: pairs cover 0 of 0 bought and 1 sold; fills for the other 1 are not in this file',
      '1: Position History has no commissions; fees are set to 0',
      '1: times have no zone; read as America/Chicago',
    ]);
  });

  it('reports bad cells by line and column', () => {
    expect(parse(replaceCell(text, 3, 'Paired Qty', 'two')).errors[0]).toMatchObject({
      file: 'positions.csv',
      line: 3,
      column: 'Paired Qty',
    });
    expect(parse(replaceCell(text, 6, 'Sold Timestamp', 'soon')).errors[0]).toMatchObject({
      line: 6,
      column: 'Sold Timestamp',
    });
  });

  it('gives zero fills for a header-only file and throws for another format', () => {
    expect(parse(headerOnly(text))).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
    expect(() => parse(readOwn('tradovate-performance.csv'))).toThrow(ImportFormatError);
  });
});
