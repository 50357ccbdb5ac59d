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
  totalFees,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { ImportFormatError, type ParseContext } from '../types';
import { tradezeroFormat } from './tradezero';

const parse = (text: string, ctx: Partial<ParseContext> = {}) =>
  tradezeroFormat.parse(text, { fileName: 'tz.csv', ...ctx });
const at = (text: string, line: number) => {
  const execution = parse(text).executions.find((e) => e.line === line);
  return execution && { ...execution, executedAt: iso(execution.executedAt) };
};

noteIfRealFilesMissing('tradezero');

describe.runIf(hasRealFiles)('TradeZero real export (tradezero.csv)', () => {
  const text = hasRealFiles ? readReal('tradezero.csv') : '';

  it('reads all 15 fills, the last one without a trailing newline', () => {
    const result = parse(text);
    expect(result.executions).toHaveLength(15);
    expect(result).toMatchObject({ ignored: 0, errors: [], warnings: [] });
  });

  it('matches hand-checked rows', () => {
    // Line 2: "SS,RBLX,50,49.88,09:47:59" on 08/08/2022 (EDT, UTC-4) → 13:47:59Z; SEC 0.06 + TAF 0.01 = 0.07
    // (and Gross 2494 − Net 2493.93 = 0.07).
    expect(at(text, 2)).toEqual({
      brokerExecId: null,
      orderId: null,
      account: 'XY000001',
      symbol: 'RBLX',
      assetClass: 'stock',
      side: 'sell',
      quantity: '50',
      price: '49.88',
      fee: '0.07',
      currency: 'USD',
      executedAt: '2022-08-08T13:47:59.000Z',
      line: 2,
    });
    // Line 3: BC (buy to cover) 25 @ 49.65, no fees.
    expect(at(text, 3)).toMatchObject({
      side: 'buy',
      quantity: '25',
      price: '49.65',
      fee: '0',
      executedAt: '2022-08-08T13:48:22.000Z',
    });
    // Line 10: SS SQ 100 @ 90.93 at 10:25:15 → 14:25:15Z; 0.21 + 0.02.
    expect(at(text, 10)).toMatchObject({
      symbol: 'SQ',
      side: 'sell',
      quantity: '100',
      price: '90.93',
      fee: '0.23',
      executedAt: '2022-08-08T14:25:15.000Z',
    });
    // Line 16, the unterminated last line: S SQ 50 @ 81.82 at 10:09:51; 0.1 + 0.01.
    expect(at(text, 16)).toMatchObject({
      side: 'sell',
      quantity: '50',
      price: '81.82',
      fee: '0.11',
      executedAt: '2022-08-08T14:09:51.000Z',
    });
  });

  it('conserves quantity per symbol and fees', () => {
    // RBLX: SS 50+100+100 = BC 25+25+100+50+50 = 250. SQ: SS 100 + S 50 = BC 50+25+13+12 + B 50 = 150.
    const { executions } = parse(text);
    expect(quantitiesBySymbol(executions)).toEqual({
      RBLX: { buy: '250', sell: '250' },
      SQ: { buy: '150', sell: '150' },
    });
    // Fees are on the five sells: 0.07 + 0.14 + 0.14 + 0.23 + 0.11.
    expect(totalFees(executions)).toBe('0.69');
  });

  it('gives the same fills with columns and rows in another order', () => {
    expect(withoutLines(parse(reverseRows(reverseColumns(text))).executions)).toEqual(
      withoutLines(parse(text).executions),
    );
  });
});

describe('TradeZero invented export (tests/fixtures/brokers/tradezero.csv)', () => {
  const text = readOwn('tradezero.csv');

  it('sums every fee column, rebates included, across the DST change', () => {
    const result = parse(text);
    expect(result.executions).toHaveLength(5);
    expect(result).toMatchObject({ ignored: 0, errors: [], warnings: [] });
    // 03/07/2025 15:59:58 EST → 20:59:58Z; Comm 0.99 + ECN Remove 0.6.
    expect(at(text, 2)).toMatchObject({
      account: 'TZ000042',
      side: 'buy',
      price: '110.015',
      fee: '1.59',
      executedAt: '2025-03-07T20:59:58.000Z',
    });
    // 03/10/2025 09:30:01 EDT → 13:30:01Z; 0.99 + 0.58 + 0.03 − 0.4 (ECN Add rebate); quoted Note with a comma.
    expect(at(text, 3)).toMatchObject({ side: 'sell', fee: '1.2', executedAt: '2025-03-10T13:30:01.000Z' });
    // Line 6 earns more rebate than it pays: fee −1.8.
    expect(at(text, 6)).toMatchObject({ side: 'buy', quantity: '600', fee: '-1.8' });
    expect(quantitiesBySymbol(result.executions)).toEqual({
      NVDA: { buy: '200', sell: '200' },
      GME: { buy: '1000', sell: '1000' },
    });
  });

  it('warns when the fee columns do not explain Gross − Net Proceeds', () => {
    const result = parse(replaceCell(text, 4, 'Net Proceeds', '24090'));
    expect(result.warnings).toEqual([
      {
        file: 'tz.csv',
        line: 4,
        column: 'Net Proceeds',
        message: 'fee columns add up to 3.55 but Gross − Net Proceeds is 10; imported 3.55',
      },
    ]);
  });

  it('reports bad rows by line and column', () => {
    expect(parse(replaceCell(text, 2, 'Side', 'X')).errors).toEqual([
      { file: 'tz.csv', line: 2, column: 'Side', message: 'Side "X" is not B, S, SS or BC' },
    ]);
    expect(parse(replaceCell(text, 3, 'SEC', 'n/a')).errors[0]).toMatchObject({ line: 3, column: 'SEC' });
    expect(parse(replaceCell(text, 4, 'T/D', '02/30/2025')).errors[0]).toMatchObject({ line: 4, column: 'T/D' });
    expect(parse(replaceCell(text, 4, 'Exec Time', '10:61:00')).errors[0]).toMatchObject({
      line: 4,
      column: 'Exec Time',
    });
  });

  it('gives zero fills for a header-only file and throws for another format', () => {
    expect(parse(headerOnly(text))).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
    expect(() => parse(readOwn('topstepx.csv'))).toThrow(ImportFormatError);
  });
});
