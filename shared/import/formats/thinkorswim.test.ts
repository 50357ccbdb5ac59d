import { describe, expect, it } from 'vitest';
import {
  hasRealFiles,
  iso,
  noteIfRealFilesMissing,
  quantitiesBySymbol,
  readOwn,
  readReal,
  toCsvLine,
  totalFees,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { parseCsv } from '../csv';
import { ImportFormatError, type ParseContext } from '../types';
import { thinkorswimFormat } from './thinkorswim';

const parse = (text: string, ctx: Partial<ParseContext> = {}) =>
  thinkorswimFormat.parse(text, { fileName: 'tos.csv', ...ctx });
const at = (text: string, line: number) => {
  const execution = parse(text).executions.find((e) => e.line === line);
  return execution && { ...execution, executedAt: iso(execution.executedAt) };
};

// Rewrites the section under `title`: columns reversed, and data rows reversed when asked.
function shuffleSection(text: string, title: string, reverseRows: boolean): string {
  const rows = parseCsv(text).rows.map((row) => row.fields);
  const start = rows.findIndex((fields) => fields[0] === title) + 1;
  let end = start + 1;
  while (end < rows.length && !(rows[end] ?? []).every((field) => field === '')) end++;
  const data = rows.slice(start + 1, end);
  const section = [rows[start] ?? [], ...(reverseRows ? data.reverse() : data)].map((fields) => [...fields].reverse());
  return [...rows.slice(0, start), ...section, ...rows.slice(end)].map(toCsvLine).join('\r\n');
}

noteIfRealFilesMissing('thinkorswim');

describe.runIf(hasRealFiles)('thinkorswim real statement (thinkorswim-account-statement.csv)', () => {
  const text = hasRealFiles ? readReal('thinkorswim-account-statement.csv') : '';

  it('reads the 11 trade-history fills, every one matched to a cash line, and counts 10 unfilled orders', () => {
    const result = parse(text, { timeZone: 'America/New_York' });
    expect(result.executions).toHaveLength(11);
    // Order History lists 8 FILLED and 10 CANCELED orders.
    expect(result).toMatchObject({ ignored: 10, errors: [], warnings: [] });
    expect(parse(text).warnings).toEqual([
      { file: 'tos.csv', line: 50, column: 'Exec Time', message: 'times have no zone; read as America/New_York' },
    ]);
  });

  it('matches hand-checked fills, with seconds and fees from the cash lines', () => {
    // Line 60: ",11/12/2022 10:04,STOCK,SELL,-200,TO OPEN,AMZN,…,9.65" matches cash line 6
    // "KEY: F2 SOLD -200 AMZN @9.65" at 10:04:10 with Misc Fees -0.07. November: EST, UTC-5.
    expect(at(text, 60)).toEqual({
      brokerExecId: null,
      orderId: '5886133162',
      account: '00*****XX (exampleaccount)',
      symbol: 'AMZN',
      assetClass: 'stock',
      side: 'sell',
      quantity: '200',
      price: '9.65',
      fee: '0.07',
      currency: null,
      executedAt: '2022-11-12T15:04:10.000Z',
      line: 60,
    });
    // Line 59: BUY 300 AMZN @ 9.6399 at 10:16 ↔ "BOT +300 AMZN @9.6399" at 10:16:16, no fees.
    expect(at(text, 59)).toMatchObject({
      side: 'buy',
      quantity: '300',
      price: '9.6399',
      fee: '0',
      orderId: '5886133685',
      executedAt: '2022-11-12T15:16:16.000Z',
    });
    // Lines 53-55: PYPL 300 closed as 280 + 12 + 8 @ 13.33, all at 11:27:19 on the cash lines.
    expect(at(text, 53)).toMatchObject({
      quantity: '280',
      fee: '0.13',
      orderId: '5886618869',
      executedAt: '2022-11-12T16:27:19.000Z',
    });
    expect(at(text, 54)).toMatchObject({ quantity: '12', fee: '0.01', orderId: '5886617769' });
    expect(at(text, 55)).toMatchObject({ quantity: '8', fee: '0.01', orderId: '5886618869' });
  });

  it('conserves quantity per symbol, and the fees add up to the Misc Fees TOTAL ($0.51)', () => {
    const { executions } = parse(text);
    // AMZN: sold 200 + 100 short, bought 300 back. PYPL: 3 × 300 bought, 300 + 300 + 280 + 12 + 8 sold.
    expect(quantitiesBySymbol(executions)).toEqual({
      AMZN: { buy: '300', sell: '300' },
      PYPL: { buy: '900', sell: '900' },
    });
    expect(totalFees(executions)).toBe('0.51');
  });

  it('returns fills in time order', () => {
    const times = parse(text).executions.map((e) => e.executedAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('gives the same fills with trade-history columns and rows, and cash rows, in another order', () => {
    const shuffled = shuffleSection(shuffleSection(text, 'Account Trade History', true), 'Cash Balance', true);
    expect(withoutLines(parse(shuffled).executions)).toEqual(withoutLines(parse(text).executions));
  });
});

describe('thinkorswim invented statement (tests/fixtures/brokers/thinkorswim.csv)', () => {
  const text = readOwn('thinkorswim.csv');

  it('reads stock, futures and spread fills; fees from Cash Balance and Futures Statements', () => {
    const result = parse(text);
    expect(result.executions).toHaveLength(6);
    expect(result.errors).toEqual([]);
    // CANCELED and REJECTED orders; the spread's second order-history leg has no status.
    expect(result.ignored).toBe(2);
    // Line 28: "/MESM25" SELL -2 @ "5,705.00" ↔ futures line "SOLD -2 /MESM25:XCME @5,705.00" at 10:20:07 EDT,
    // fees 0.70 + 2.50.
    expect(at(text, 28)).toMatchObject({
      symbol: '/MESM25',
      assetClass: 'future',
      side: 'sell',
      quantity: '2',
      price: '5705',
      fee: '3.2',
      orderId: '800002',
      executedAt: '2025-03-10T14:20:07.000Z',
    });
    // Line 33: MSFT bought 3/7/25 09:31 ↔ cash 09:31:05 EST → 14:31:05Z, commission 0.65.
    expect(at(text, 33)).toMatchObject({
      symbol: 'MSFT',
      side: 'buy',
      quantity: '100',
      price: '401.5',
      fee: '0.65',
      executedAt: '2025-03-07T14:31:05.000Z',
    });
    expect(at(text, 32)).toMatchObject({ side: 'sell', fee: '0.67', executedAt: '2025-03-10T13:45:59.000Z' });
    expect(quantitiesBySymbol(result.executions)).toEqual({
      '/MESM25': { buy: '2', sell: '2' },
      'SPY 14 MAR 25 570 CALL': { buy: '0', sell: '1' },
      'SPY 14 MAR 25 575 CALL': { buy: '1', sell: '0' },
      MSFT: { buy: '100', sell: '100' },
    });
  });

  it('gives spread legs the time of the first leg and warns that their fees could not be matched', () => {
    const result = parse(text);
    // Line 31, the second leg, has no Exec Time: it shares 3/10/25 10:00 (EDT) with line 30.
    expect(at(text, 30)).toMatchObject({
      symbol: 'SPY 14 MAR 25 570 CALL',
      assetClass: 'option',
      side: 'sell',
      price: '2.1',
      fee: '0',
      executedAt: '2025-03-10T14:00:00.000Z',
    });
    expect(at(text, 31)).toMatchObject({
      symbol: 'SPY 14 MAR 25 575 CALL',
      side: 'buy',
      price: '0.87',
      executedAt: '2025-03-10T14:00:00.000Z',
    });
    expect(result.warnings.filter((w) => w.message.startsWith('no cash line')).map((w) => w.line)).toEqual([30, 31]);
  });

  it('is recognised even when the trade history lies beyond the detection sample', () => {
    const head = text.slice(0, text.indexOf('Account Order History'));
    expect(thinkorswimFormat.detect(head, 'statement.csv')).toBeGreaterThanOrEqual(0.9);
    expect(thinkorswimFormat.detect(text.replace('Account Statement for', 'Statement of'), 'x.csv')).toBeLessThan(0.9);
  });

  it('gives the same fills with trade-history columns in another order', () => {
    expect(withoutLines(parse(shuffleSection(text, 'Account Trade History', false)).executions)).toEqual(
      withoutLines(parse(text).executions),
    );
  });

  it('reports a bad fill by line and column and keeps the rest', () => {
    const broken = text.replace(',3/7/25 09:31,STOCK,BUY,+100', ',3/7/25 09:31,STOCK,HOLD,+100');
    const result = parse(broken);
    expect(result.executions).toHaveLength(5);
    expect(result.errors).toEqual([
      { file: 'tos.csv', line: 33, column: 'Side', message: 'Side "HOLD" is not BUY or SELL' },
    ]);
  });

  it('gives zero fills for a statement without trades, and throws for another format', () => {
    const noTrades = text.slice(0, text.indexOf('Account Trade History'));
    expect(parse(noTrades)).toMatchObject({ executions: [], ignored: 2, errors: [] });
    const headerOnly = text.replace(/(Order Type,,\r\n)[\s\S]*$/, '$1');
    expect(parse(headerOnly)).toMatchObject({ executions: [], errors: [] });
    expect(() => parse(readOwn('tradezero.csv'))).toThrow(ImportFormatError);
  });
});
