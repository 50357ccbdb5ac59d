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
  toCsvLine,
  totalFees,
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { parseCsv } from '../csv';
import { ImportFormatError, type ParseContext } from '../types';
import { ninjaTrader8Format } from './ninjatrader8';

const parse = (text: string, ctx: Partial<ParseContext> = {}) =>
  ninjaTrader8Format.parse(text, { fileName: 'nt.csv', ...ctx });
const at = (text: string, line: number, ctx: Partial<ParseContext> = {}) => {
  const execution = parse(text, ctx).executions.find((e) => e.line === line);
  return execution && { ...execution, executedAt: iso(execution.executedAt) };
};

noteIfRealFilesMissing('ninjatrader8');

describe.runIf(hasRealFiles)('NinjaTrader 8 real export (ninjatrader8-grid.csv)', () => {
  const text = hasRealFiles ? readReal('ninjatrader8-grid.csv') : '';
  const ny = { timeZone: 'America/New_York' };

  it('reads all 55 fills with no errors, in 4 accounts', () => {
    const result = parse(text, ny);
    expect(result.executions).toHaveLength(55);
    expect(result).toMatchObject({ ignored: 0, errors: [], warnings: [] });
    const perAccount: Record<string, number> = {};
    for (const e of result.executions) perAccount[e.account ?? '?'] = (perAccount[e.account ?? '?'] ?? 0) + 1;
    expect(perAccount).toEqual({
      Sim101: 19,
      'ACCOUNT-REDACTED-1': 12,
      'ACCOUNT-REDACTED-2': 12,
      'ACCOUNT-REDACTED-3': 12,
    });
  });

  it('matches hand-checked rows', () => {
    // Line 2: "MNQ MAR25,Buy,9,21539.50,1/28/2025 10:59:52 AM,e6c4…,Entry,9 L,258a…,158012701254,$0.00,1,Sim101"
    // January, so New York is UTC-5: 10:59:52 AM → 15:59:52Z.
    expect(at(text, 2, ny)).toEqual({
      brokerExecId: 'e6c4685b7fa74bb6a8af5cacebc76cb7',
      orderId: '258aa78f1aaa420ea8de80a4c1292789',
      account: 'Sim101',
      symbol: 'MNQ MAR25',
      assetClass: 'future',
      side: 'buy',
      quantity: '9',
      price: '21539.5',
      fee: '0',
      currency: null,
      executedAt: '2025-01-28T15:59:52.000Z',
      line: 2,
    });
    // Line 3: the same order's partial fill, 1 @ 21539.75 in the same second.
    expect(at(text, 3, ny)).toMatchObject({
      side: 'buy',
      quantity: '1',
      price: '21539.75',
      executedAt: '2025-01-28T15:59:52.000Z',
    });
    // Line 21: first copier fill, empty Order ID, "$1.55" commission, 10:59:51 AM → 15:59:51Z.
    expect(at(text, 21, ny)).toMatchObject({
      brokerExecId: '158012701257',
      orderId: null,
      account: 'ACCOUNT-REDACTED-1',
      symbol: 'NQ MAR25',
      side: 'buy',
      quantity: '1',
      price: '21539.75',
      fee: '1.55',
      executedAt: '2025-01-28T15:59:51.000Z',
    });
    // Line 56 (last): "NQ MAR25,Sell,1,21542.25,1/28/2025 11:17:44 AM,158031531332,Exit,…,ACCOUNT-REDACTED-3" → 16:17:44Z.
    expect(at(text, 56, ny)).toMatchObject({
      side: 'sell',
      quantity: '1',
      price: '21542.25',
      fee: '1.55',
      account: 'ACCOUNT-REDACTED-3',
      executedAt: '2025-01-28T16:17:44.000Z',
    });
  });

  it('conserves quantity per symbol and the $1.55 × 36 copier commissions', () => {
    const { executions } = parse(text, ny);
    // MNQ buys 9+1+10+10+10+5+5+6+4 = 60, sells 6+4+4+6+7+3+10+10+2+8 = 60; NQ: 3 accounts × 6 one-lots each way.
    expect(quantitiesBySymbol(executions)).toEqual({
      'MNQ MAR25': { buy: '60', sell: '60' },
      'NQ MAR25': { buy: '18', sell: '18' },
    });
    expect(totalFees(executions)).toBe('55.8');
  });

  it('warns once that the zone was assumed when none is given', () => {
    expect(parse(text).warnings).toEqual([
      { file: 'nt.csv', line: 1, column: 'Time', message: 'times have no zone; read as America/New_York' },
    ]);
  });

  it('gives the same fills with columns and rows in another order', () => {
    expect(withoutLines(parse(reverseRows(reverseColumns(text)), ny).executions)).toEqual(
      withoutLines(parse(text, ny).executions),
    );
  });
});

describe('NinjaTrader 8 invented export (tests/fixtures/brokers/ninjatrader8.csv)', () => {
  const text = readOwn('ninjatrader8.csv');
  const ny = { timeZone: 'America/New_York' };

  it('reads every fill, across the DST change, with Buy/Sell/SellShort/BuyToCover', () => {
    const result = parse(text, ny);
    expect(result).toMatchObject({ ignored: 0, errors: [], warnings: [] });
    expect(result.executions).toHaveLength(7);
    // 3/7/2025 is EST (UTC-5): 9:30 AM → 14:30Z; "$4.10" → 4.1.
    expect(at(text, 2, ny)).toMatchObject({
      symbol: 'ES JUN25',
      assetClass: 'future',
      side: 'buy',
      quantity: '2',
      price: '5701.25',
      fee: '4.1',
      executedAt: '2025-03-07T14:30:00.000Z',
    });
    // The quoted Name "Target, 1" does not shift the columns.
    expect(at(text, 3, ny)).toMatchObject({
      orderId: 'o2',
      account: 'Sim101',
      price: '5703',
      executedAt: '2025-03-07T14:45:10.000Z',
    });
    // 12:00:01 PM is noon → 17:00:01Z.
    expect(at(text, 4, ny)?.executedAt).toBe('2025-03-07T17:00:01.000Z');
    // 3/10/2025 is EDT (UTC-4): SellShort 9:30 AM → 13:30Z.
    expect(at(text, 5, ny)).toMatchObject({
      side: 'sell',
      account: 'PA-APEX-001',
      quantity: '3',
      price: '68.42',
      fee: '6.15',
      executedAt: '2025-03-10T13:30:00.000Z',
    });
    expect(at(text, 6, ny)).toMatchObject({ side: 'buy', price: '68.1' });
    // 12:00:00 AM is midnight → 04:00Z; 11:59:59 PM → next day 03:59:59Z.
    expect(at(text, 7, ny)).toMatchObject({
      symbol: '$EURUSD',
      assetClass: 'forex',
      orderId: null,
      executedAt: '2025-03-10T04:00:00.000Z',
    });
    expect(at(text, 8, ny)?.executedAt).toBe('2025-03-11T03:59:59.000Z');
  });

  it('reads times in the zone the import names', () => {
    // 9:30 AM in Berlin (CET, UTC+1) on 3/7/2025 → 08:30Z.
    expect(at(text, 2, { timeZone: 'Europe/Berlin' })?.executedAt).toBe('2025-03-07T08:30:00.000Z');
    expect(() => parse(text, { timeZone: 'Nowhere/Special' })).toThrow(ImportFormatError);
  });

  it('reports a bad cell with file, line and column, and keeps the other rows', () => {
    const result = parse(replaceCell(text, 3, 'Quantity', 'ten'), ny);
    expect(result.executions).toHaveLength(6);
    expect(result.errors).toEqual([
      { file: 'nt.csv', line: 3, column: 'Quantity', message: 'Quantity: "ten" is not a number' },
    ]);
    expect(parse(replaceCell(text, 4, 'Time', '3/7/2025 25:00:00'), ny).errors[0]).toMatchObject({
      line: 4,
      column: 'Time',
    });
    expect(parse(replaceCell(text, 5, 'Action', 'Hold'), ny).errors[0]).toMatchObject({ line: 5, column: 'Action' });
    expect(parse(replaceCell(text, 6, 'Quantity', '0'), ny).errors[0]).toMatchObject({ line: 6, column: 'Quantity' });
  });

  it('gives zero fills and no issues for a header-only file', () => {
    expect(parse(headerOnly(text))).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
  });

  it('throws ImportFormatError for a file without its header', () => {
    expect(() => parse(readOwn('tradezero.csv'))).toThrow(ImportFormatError);
    expect(() => parse('')).toThrow(ImportFormatError);
  });

  it('reads day-first dates when the file shows them to be day-first', () => {
    // A UK PC: "28/01/2025" can only be day-first, so "03/02/2025" in the same file is 3 February.
    const uk = text
      .replace('3/7/2025 9:30:00 AM', '28/01/2025 9:30:00 AM')
      .replace('3/7/2025 9:45:10 AM', '03/02/2025 9:45:10 AM');
    expect(at(uk, 2, ny)?.executedAt).toBe('2025-01-28T14:30:00.000Z');
    expect(at(uk, 3, ny)?.executedAt).toBe('2025-02-03T14:45:10.000Z');
  });

  it('is still recognised, and read, when the trader hid some grid columns', () => {
    const hidden = new Set(['E/X', 'Name', 'Rate', 'Connection']);
    const { rows } = parseCsv(text);
    const keep = (rows[0]?.fields ?? []).map((name) => !hidden.has(name));
    const trimmed = rows.map((row) => toCsvLine(row.fields.filter((_, i) => keep[i]))).join('\n');
    expect(ninjaTrader8Format.detect(trimmed, 'grid.csv')).toBeGreaterThanOrEqual(0.9);
    expect(withoutLines(parse(trimmed, ny).executions)).toEqual(withoutLines(parse(text, ny).executions));
  });

  it('reads a European-locale export: semicolons, decimal commas, day-first dotted dates', () => {
    const european =
      'Instrument;Action;Quantity;Price;Time;ID;E/X;Position;Order ID;Name;Commission;Rate;Account;Connection;\n' +
      'FDAX MAR25;Buy;1;21.539,50;28.01.2025 10:59:52;x1;Entry;1 L;o1;Entry;2,40 €;1;Sim101;Demo;\n';
    // 28 January, Berlin is UTC+1: 10:59:52 → 09:59:52Z.
    expect(at(european, 2, { timeZone: 'Europe/Berlin' })).toMatchObject({
      symbol: 'FDAX MAR25',
      price: '21539.5',
      fee: '2.4',
      executedAt: '2025-01-28T09:59:52.000Z',
    });
  });
});
