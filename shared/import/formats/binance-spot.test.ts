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
  withoutLines,
} from '../../../tests/fixtures/brokers/format-test-kit';
import { decodeBytes } from '../decode';
import { detectFormat } from '../detect';
import { ImportFormatError } from '../types';
import { binanceSpotFormat } from './binance-spot';

const MINE = ['binance-trades.csv', 'binance-orders.csv'];
const trades = readOwn('binance-trades.csv');
const orders = readOwn('binance-orders.csv');
const parse = (csv: string) => binanceSpotFormat.parse(csv, { fileName: 'binance.csv' });
const at = (csv: string, line: number) => {
  const execution = parse(csv).executions.find((e) => e.line === line);
  return execution && { ...execution, executedAt: iso(execution.executedAt) };
};

noteIfRealFilesMissing('binance-spot');

describe('binance-spot detection', () => {
  it('is sure of both of its layouts and the clear winner among the registered formats', () => {
    for (const name of MINE) {
      expect(binanceSpotFormat.detect(readOwn(name), name), name).toBeGreaterThanOrEqual(0.9);
      const [best, runnerUp] = detectFormat(readOwn(name), name);
      expect(best?.format.id, name).toBe('binance-spot');
      expect(runnerUp?.confidence ?? 0, name).toBeLessThan(0.5);
    }
  });

  it('is doubtful of every other invented fixture', () => {
    const others = readdirSync(OWN_DIR).filter((n) => !MINE.includes(n) && !n.endsWith('.ts'));
    for (const name of others) {
      const sample = decodeBytes(readFileSync(`${OWN_DIR}${name}`)).text;
      expect(binanceSpotFormat.detect(sample, name), name).toBeLessThan(0.3);
    }
  });

  describe.runIf(hasRealFiles)('on the real broker files', () => {
    it('is doubtful of each', () => {
      for (const name of readdirSync(REAL_DIR).filter((n) => n !== 'SOURCES.md')) {
        expect(binanceSpotFormat.detect(readReal(name).slice(0, 65536), name), name).toBeLessThan(0.3);
      }
    });
  });
});

describe('binance-spot Trade History (tests/fixtures/brokers/binance-trades.csv)', () => {
  const result = parse(trades);

  it('reads every fill, exactly, in the quote currency', () => {
    // Line 6: 0.00150000BTC bought at 63250.00 on 2024-03-05 14:02:11 UTC (no zone conversion);
    // the 0.00000150BTC fee is converted at the fill price: 0.0000015 × 63250 = 0.094875 USDT.
    expect(at(trades, 6)).toEqual({
      brokerExecId: null,
      orderId: null,
      account: null,
      symbol: 'BTCUSDT',
      assetClass: 'crypto',
      side: 'buy',
      quantity: '0.0015',
      price: '63250',
      fee: '0.094875',
      currency: 'USDT',
      executedAt: '2024-03-05T14:02:11.000Z',
      line: 6,
    });
    // Line 5, same second: 0.0000005 BTC × 63251.10 = 0.03162555 USDT.
    expect(at(trades, 5)).toMatchObject({ quantity: '0.0005', price: '63251.1', fee: '0.03162555' });
    // Line 4: the sell pays its fee in USDT already.
    expect(at(trades, 4)).toMatchObject({ side: 'sell', quantity: '0.002', fee: '0.13202002' });
    // Line 2: "1250.000000001INCH" is 1250.00000000 of 1INCH (an asset name starting with a digit).
    expect(at(trades, 2)).toMatchObject({ symbol: '1INCHUSDT', quantity: '1250', price: '0.6012', fee: '0.7515' });
    // Line 3: ETHBTC is priced in BTC; its fee was paid in BNB, which has no price here: fee 0.
    expect(at(trades, 3)).toMatchObject({ symbol: 'ETHBTC', quantity: '0.1', fee: '0', currency: 'BTC' });
    // Line 7: a zero FDUSD fee.
    expect(at(trades, 7)).toMatchObject({ symbol: 'SOLFDUSD', fee: '0', currency: 'FDUSD' });
    expect(result).toMatchObject({ ignored: 0, errors: [] });
    expect(quantitiesBySymbol(result.executions)['BTCUSDT']).toEqual({ buy: '0.002', sell: '0.002' });
  });

  it('warns with the amount and asset of a BNB fee, and once about base-asset fee conversion', () => {
    expect(result.warnings).toEqual([
      {
        file: 'binance.csv',
        line: 3,
        column: 'Fee',
        message:
          'The fee of 0.0000771 BNB on the ETHBTC buy at 2024-03-07 18:44:03 is not included: the file has no BNB price to convert it to BTC.',
      },
      {
        file: 'binance.csv',
        line: 5,
        column: 'Fee',
        message: "Fees charged in BTC were converted to USDT at each fill's own price (exactly, without rounding).",
      },
    ]);
  });

  it('reports bad rows by line and column', () => {
    const errorOf = (line: number, column: string, value: string) =>
      parse(replaceCell(trades, line, column, value)).errors;
    expect(errorOf(4, 'Executed', 'lotsBTC')[0]).toMatchObject({ line: 4, column: 'Executed' });
    expect(errorOf(4, 'Executed', '0.002ETH')[0]).toMatchObject({
      message: 'Executed is in ETH, not BTC, the base asset of BTCUSDT',
    });
    expect(errorOf(4, 'Side', 'HOLD')[0]).toMatchObject({ column: 'Side' });
    expect(errorOf(4, 'Date(UTC)', '2024-02-30 10:00:00')[0]).toMatchObject({ column: 'Date(UTC)' });
    expect(errorOf(4, 'Price', '')[0]).toMatchObject({ column: 'Price' });
    expect(parse(replaceCell(replaceCell(trades, 4, 'Amount', '132.02'), 4, 'Pair', 'FOOBAR')).errors[0]).toMatchObject(
      {
        column: 'Pair',
        message: 'cannot tell the quote asset of FOOBAR',
      },
    );
  });

  it('reads amounts without asset suffixes and two-digit years', () => {
    const plain = replaceCell(
      replaceCell(replaceCell(trades, 4, 'Amount', '132.02002'), 4, 'Executed', '0.002'),
      4,
      'Date(UTC)',
      '24-03-06 09:15:40',
    );
    expect(at(plain, 4)).toMatchObject({ quantity: '0.002', currency: 'USDT', executedAt: '2024-03-06T09:15:40.000Z' });
  });

  it('gives the same fills with columns and rows in another order, or one row at a time', () => {
    const expected = withoutLines(result.executions);
    expect(withoutLines(parse(reverseRows(reverseColumns(trades))).executions)).toEqual(expected);
    // Declared streamable: each row read alone under the header gives the same fill.
    const [header = '', ...rows] = trades.trim().split('\n');
    expect(withoutLines(rows.flatMap((row) => parse(`${header}\n${row}`).executions))).toEqual(expected);
  });
});

describe('binance-spot Order History (tests/fixtures/brokers/binance-orders.csv)', () => {
  const result = parse(orders);

  it('imports Filled orders only, with the order number as id', () => {
    // Line 4: MARKET sell of 0.5ETH, average 3301.52.
    expect(at(orders, 4)).toEqual({
      brokerExecId: '31415926545',
      orderId: '31415926545',
      account: null,
      symbol: 'ETHUSDT',
      assetClass: 'crypto',
      side: 'sell',
      quantity: '0.5',
      price: '3301.52',
      fee: '0',
      currency: 'USDT',
      executedAt: '2024-04-02T15:00:00.000Z',
      line: 4,
    });
    expect(result.executions.map((e) => [e.line, e.side, e.quantity, e.price])).toEqual([
      [4, 'sell', '0.5', '3301.52'],
      [5, 'buy', '0.5', '3279.99'],
      [6, 'buy', '0.01', '65000'],
    ]);
    // Canceled (lines 2 and 3) and Expired (line 7).
    expect(result.ignored).toBe(3);
    expect(result.errors).toEqual([]);
  });

  it('warns that fees are missing and that a canceled order had filled in part', () => {
    expect(result.warnings.map((w) => [w.line, w.column])).toEqual([
      [4, null],
      [3, 'status'],
    ]);
    expect(result.warnings[1]?.message).toContain('order 31415926546 is Canceled but filled 0.004BTC');
  });

  it('gives the same fills with columns and rows in another order', () => {
    expect(withoutLines(parse(reverseRows(reverseColumns(orders))).executions)).toEqual(
      withoutLines(result.executions),
    );
  });
});

describe('binance-spot other files', () => {
  it('gives zero fills for header-only files and throws for another format', () => {
    for (const csv of [trades, orders]) {
      expect(parse(headerOnly(csv))).toEqual({ executions: [], ignored: 0, errors: [], warnings: [] });
    }
    expect(() => parse(readOwn('tradezero.csv'))).toThrow(ImportFormatError);
    expect(() => parse('Date(UTC),Pair,Side\n')).toThrow(ImportFormatError);
  });
});
