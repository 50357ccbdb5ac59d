import { describe, expect, it } from 'vitest';
import type { AssetClass, ExecutionSide } from '../types';
import { groupExecutionsIntoTrades, type EngineExecution } from './index';

const MIN = 60_000;

/** A fill at minute `minute`; the rest defaults to a USD stock in one account. */
function fill(
  id: string,
  minute: number,
  side: ExecutionSide,
  quantity: string,
  price: string,
  more: Partial<EngineExecution> = {},
): EngineExecution {
  return {
    id,
    accountId: 'acct-1',
    symbol: 'AAPL',
    assetClass: 'stock',
    side,
    quantity,
    price,
    fee: '0',
    currency: 'USD',
    executedAt: minute * MIN,
    ...more,
  };
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error('expected one item');
  return item;
}

describe('groupExecutionsIntoTrades: matches what Tradovate reported (shared/fixtures tradovate-performance.csv)', () => {
  const mnq = (id: string, time: string, side: ExecutionSide, quantity: string, price: string): EngineExecution => ({
    ...fill(id, 0, side, quantity, price, { symbol: 'MNQZ4', assetClass: 'future' }),
    // The file's times have no zone; read as UTC, which cannot change an order or a P&L.
    executedAt: Date.parse(`2024-12-10T${time}Z`),
  });

  it('three MNQZ4 round trips, including a short, equal the sums of the broker pairs', () => {
    const { trades } = groupExecutionsIntoTrades([
      mnq('147190162602', '09:50:11', 'buy', '3', '21540.00'),
      mnq('147190162606', '09:50:11', 'buy', '4', '21534.25'),
      mnq('147190162622', '09:52:51', 'buy', '3', '21523.00'),
      mnq('147190162628', '09:53:10', 'sell', '3', '21530.25'),
      mnq('147190162636', '09:53:10', 'sell', '3', '21531.25'),
      mnq('147190162650', '09:53:40', 'sell', '3', '21531.00'),
      mnq('147190162666', '09:53:45', 'sell', '1', '21530.25'),
      mnq('147190162760', '10:00:12', 'buy', '3', '21504.50'),
      mnq('147190162766', '10:00:23', 'buy', '3', '21500.50'),
      mnq('147190162772', '10:00:32', 'sell', '6', '21495.75'),
      mnq('147190162782', '10:01:23', 'sell', '3', '21489.50'),
      mnq('147190162788', '10:01:40', 'sell', '3', '21489.50'),
      mnq('147190162794', '10:01:56', 'buy', '6', '21494.00'),
    ]);
    // Broker pairs: −58.50 −18.00 −6.50 +32.00 +14.50 = −36.50; −52.50 −28.50 = −81; −27 −27 = −54.
    expect(trades.map((t) => [t.side, t.grossPnl])).toEqual([
      ['long', '-36.5'],
      ['long', '-81'],
      ['short', '-54'],
    ]);
  });

  it('MBT is 0.1 bitcoin: 96940 → 96530 on one contract is −41', () => {
    const mbt = { symbol: 'MBTZ4', assetClass: 'future' as const };
    const { trades } = groupExecutionsIntoTrades([
      fill('147190162555', 0, 'buy', '1', '96940', mbt),
      fill('147190162700', 13, 'sell', '1', '96530', mbt),
    ]);
    expect(only(trades).grossPnl).toBe('-41');
  });
});

describe('groupExecutionsIntoTrades: bookkeeping', () => {
  it('keeps accounts and symbols apart', () => {
    const { trades } = groupExecutionsIntoTrades([
      fill('g1', 0, 'buy', '1', '10'),
      fill('g2', 1, 'buy', '1', '20', { accountId: 'acct-2' }),
      fill('g3', 2, 'buy', '1', '30', { symbol: 'MSFT' }),
      fill('g4', 3, 'sell', '1', '11'),
    ]);
    expect(trades.map((t) => [t.id, t.accountId, t.symbol, t.status])).toEqual([
      ['g1', 'acct-1', 'AAPL', 'closed'],
      ['g2', 'acct-2', 'AAPL', 'open'],
      ['g3', 'acct-1', 'MSFT', 'open'],
    ]);
  });

  it('orders fills with the same timestamp by id, not by row order', () => {
    const rows = [fill('t2', 0, 'sell', '1', '11'), fill('t1', 0, 'buy', '1', '10')];
    const forward = groupExecutionsIntoTrades(rows);
    expect(groupExecutionsIntoTrades([...rows].reverse())).toEqual(forward);
    expect(only(forward.trades)).toMatchObject({ side: 'long', grossPnl: '1' });
  });

  it('leaves out unreadable executions with a warning instead of guessing', () => {
    const { trades, warnings } = groupExecutionsIntoTrades([
      fill('v1', 0, 'buy', '1', '10'),
      fill('v2', 1, 'sell', '-1', '11'),
      fill('v3', 2, 'sell', '1', '$11'),
      fill('v4', 3, 'sell', '1', '11', { assetClass: 'cfd' as AssetClass }),
      fill('v5', Number.NaN, 'sell', '1', '11'),
    ]);
    expect(only(trades).status).toBe('open');
    expect(warnings.map((w) => [w.code, w.executionId])).toEqual([
      ['invalid-execution', 'v2'],
      ['invalid-execution', 'v3'],
      ['invalid-execution', 'v4'],
      ['invalid-execution', 'v5'],
    ]);
  });

  it('warns when the same execution appears twice', () => {
    const row = fill('d1', 0, 'buy', '1', '10');
    const { warnings } = groupExecutionsIntoTrades([row, row]);
    expect(only(warnings)).toMatchObject({ code: 'duplicate-execution-id', executionId: 'd1' });
  });

  it('converts net P&L to the base currency, and warns instead of guessing a missing rate', () => {
    const { trades, warnings } = groupExecutionsIntoTrades(
      [
        fill('f1', 0, 'buy', '10', '100', { symbol: 'SAP', currency: 'EUR' }),
        fill('f2', 1, 'sell', '10', '101', { symbol: 'SAP', currency: 'EUR' }),
        fill('f3', 2, 'buy', '1', '10'),
        fill('f4', 3, 'sell', '1', '12'),
        fill('f5', 4, 'buy', '100', '500', { symbol: '7203', currency: 'JPY' }),
        fill('f6', 5, 'sell', '100', '510', { symbol: '7203', currency: 'JPY' }),
      ],
      { baseCurrency: 'USD', fxRates: { EUR: '1.08' } },
    );
    // SAP: 10 EUR × 1.08 = 10.8 USD; AAPL is already USD; JPY has no rate.
    expect(trades.map((t) => [t.symbol, t.netPnl, t.netPnlBase])).toEqual([
      ['SAP', '10', '10.8'],
      ['AAPL', '2', '2'],
      ['7203', '1000', null],
    ]);
    expect(only(warnings)).toMatchObject({ code: 'missing-fx-rate', symbol: '7203' });
  });

  it('warns when fills of one symbol disagree about the currency', () => {
    const { warnings } = groupExecutionsIntoTrades([
      fill('w1', 0, 'buy', '1', '10'),
      fill('w2', 1, 'sell', '1', '11', { currency: 'EUR' }),
    ]);
    expect(only(warnings)).toMatchObject({ code: 'currency-mismatch', symbol: 'AAPL' });
  });

  it('returns nothing for nothing', () => {
    expect(groupExecutionsIntoTrades([])).toEqual({ trades: [], warnings: [] });
  });
});
