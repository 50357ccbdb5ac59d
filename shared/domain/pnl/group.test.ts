import { describe, expect, it } from 'vitest';
import type { ExecutionSide } from '../types';
import { groupExecutionsIntoTrades, REVERSAL_SUFFIX, type EngineExecution } from './index';

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

describe('groupExecutionsIntoTrades: hand-worked trades', () => {
  it('simple long: buy 100 @ 10.00, sell 100 @ 10.50', () => {
    const { trades, warnings } = groupExecutionsIntoTrades([
      fill('a1', 0, 'buy', '100', '10.00', { fee: '1.00' }),
      fill('a2', 5, 'sell', '100', '10.50', { fee: '1.00' }),
    ]);
    // gross = (10.50 − 10.00) × 100 = 50; fees 1 + 1 = 2; net 48.
    expect(warnings).toEqual([]);
    expect(only(trades)).toEqual({
      id: 'a1',
      accountId: 'acct-1',
      symbol: 'AAPL',
      assetClass: 'stock',
      side: 'long',
      status: 'closed',
      openedAt: 0,
      closedAt: 5 * MIN,
      holdingMs: 5 * MIN,
      quantity: '100',
      entryPrice: '10',
      exitPrice: '10.5',
      grossPnl: '50',
      fees: '2',
      netPnl: '48',
      netPnlBase: null,
      currency: 'USD',
      multiplier: '1',
      legs: [
        { executionId: 'a1', quantity: '100', fee: '1', role: 'open' },
        { executionId: 'a2', quantity: '100', fee: '1', role: 'close' },
      ],
    });
  });

  it('simple short: sell first, buy to cover', () => {
    const trade = only(
      groupExecutionsIntoTrades([
        fill('s1', 0, 'sell', '10', '50', { fee: '0.5' }),
        fill('s2', 1, 'buy', '10', '48', { fee: '0.5' }),
      ]).trades,
    );
    // A short gains when the price falls: (50 − 48) × 10 = 20; net 20 − 1 = 19.
    expect(trade).toMatchObject({ side: 'short', status: 'closed', entryPrice: '50', exitPrice: '48' });
    expect(trade).toMatchObject({ grossPnl: '20', fees: '1', netPnl: '19' });
  });

  it('scale in and scale out stay one trade, with weighted averages', () => {
    const trade = only(
      groupExecutionsIntoTrades([
        fill('b1', 0, 'buy', '1', '100'),
        fill('b2', 1, 'buy', '2', '103'),
        fill('b3', 2, 'sell', '2', '105'),
        fill('b4', 3, 'sell', '1', '101'),
      ]).trades,
    );
    // entry = (1×100 + 2×103) / 3 = 306 / 3 = 102; exit = (2×105 + 1×101) / 3 = 311 / 3.
    // gross = 311 − 306 = 5. Largest position held: 3.
    expect(trade).toMatchObject({ quantity: '3', entryPrice: '102', exitPrice: '103.6666666667', grossPnl: '5' });
    expect(trade.legs.map((l) => [l.executionId, l.role])).toEqual([
      ['b1', 'open'],
      ['b2', 'open'],
      ['b3', 'close'],
      ['b4', 'close'],
    ]);
  });

  it('partial fills of one order (NinjaTrader: 9 @ 21539.50 + 1 @ 21539.75) on MNQ', () => {
    const mnq = { symbol: 'MNQH5', assetClass: 'future' as const };
    const trade = only(
      groupExecutionsIntoTrades([
        fill('p1', 0, 'buy', '9', '21539.50', mnq),
        fill('p2', 0, 'buy', '1', '21539.75', mnq),
        fill('p3', 4, 'sell', '10', '21545.00', mnq),
      ]).trades,
    );
    // cost = 9 × 21539.5 + 21539.75 = 215395.25; proceeds = 215450; 54.75 points × $2 = 109.5.
    expect(trade).toMatchObject({ quantity: '10', entryPrice: '21539.525', grossPnl: '109.5', multiplier: '2' });
  });

  it('splits a fill that reverses through zero, fee pro rata, and opens a short with the rest', () => {
    const { trades } = groupExecutionsIntoTrades([
      fill('r1', 0, 'buy', '3', '10', { fee: '0.30' }),
      fill('r2', 1, 'sell', '5', '12', { fee: '1.00' }),
      fill('r3', 2, 'buy', '2', '11', { fee: '0.20' }),
    ]);
    const [long, short] = trades;
    // r2 sells 5 against a long 3: 3 close the long, 2 open a short.
    // Its fee 1.00 splits 3/5 → 0.60 and the remainder 0.40.
    // Long: (12 − 10) × 3 = 6 gross, fees 0.30 + 0.60 = 0.90, net 5.1.
    expect(long).toMatchObject({ id: 'r1', side: 'long', status: 'closed', grossPnl: '6', fees: '0.9', netPnl: '5.1' });
    expect(long?.legs).toEqual([
      { executionId: 'r1', quantity: '3', fee: '0.3', role: 'open' },
      { executionId: 'r2', quantity: '3', fee: '0.6', role: 'close' },
    ]);
    // Short: (12 − 11) × 2 = 2 gross, fees 0.40 + 0.20 = 0.60, net 1.4.
    expect(short).toMatchObject({ id: `r2${REVERSAL_SUFFIX}`, side: 'short', openedAt: MIN, netPnl: '1.4' });
    expect(short?.legs[0]).toEqual({ executionId: 'r2', quantity: '2', fee: '0.4', role: 'open' });
  });

  it('puts the rounding remainder of a fee split on the second piece', () => {
    const { trades } = groupExecutionsIntoTrades([
      fill('q1', 0, 'buy', '1', '10'),
      fill('q2', 1, 'sell', '3', '10', { fee: '1.00' }),
    ]);
    // 1/3 of 1.00 is 0.333…, rounded to cents 0.33; the opening piece takes 1.00 − 0.33 = 0.67.
    expect(trades.map((t) => t.legs.find((l) => l.executionId === 'q2')?.fee)).toEqual(['0.33', '0.67']);
  });

  it('reports a position still open at the end, with FIFO P&L of the partial exit', () => {
    const trade = only(
      groupExecutionsIntoTrades([
        fill('o1', 0, 'buy', '4', '100'),
        fill('o2', 1, 'buy', '2', '110'),
        fill('o3', 2, 'sell', '3', '120', { fee: '1' }),
      ]).trades,
    );
    // FIFO: the 3 sold come out of the first lot (4 @ 100): (120 − 100) × 3 = 60.
    // (Average cost would say (120 − 103.33) × 3 = 50; FIFO is what brokers report.)
    expect(trade).toMatchObject({ status: 'open', closedAt: null, holdingMs: null, quantity: '6' });
    expect(trade).toMatchObject({ entryPrice: '103.3333333333', exitPrice: '120', grossPnl: '60', netPnl: '59' });
  });

  it('an open position without exits has no exit price and no P&L yet', () => {
    const trade = only(groupExecutionsIntoTrades([fill('n1', 0, 'sell', '5', '20', { fee: '0.25' })]).trades);
    expect(trade).toMatchObject({ side: 'short', status: 'open', exitPrice: null, grossPnl: '0', netPnl: '-0.25' });
  });

  it('MES futures use the $5 multiplier: 2 × 3.5 points × 5 = 35', () => {
    const mes = { symbol: 'MESZ5', assetClass: 'future' as const, fee: '0.62' };
    const trade = only(
      groupExecutionsIntoTrades([fill('m1', 0, 'buy', '2', '6000.25', mes), fill('m2', 1, 'sell', '2', '6003.75', mes)])
        .trades,
    );
    expect(trade).toMatchObject({ grossPnl: '35', fees: '1.24', netPnl: '33.76', multiplier: '5' });
  });

  it('options use the 100 multiplier', () => {
    const opt = { symbol: 'AAPL  240119C00190000', assetClass: 'option' as const, fee: '1.30' };
    const trade = only(
      groupExecutionsIntoTrades([fill('c1', 0, 'buy', '2', '1.25', opt), fill('c2', 1, 'sell', '2', '1.80', opt)])
        .trades,
    );
    // (1.80 − 1.25) × 2 contracts × 100 shares = 110; fees 2.60; net 107.4.
    expect(trade).toMatchObject({ grossPnl: '110', fees: '2.6', netPnl: '107.4', multiplier: '100' });
  });

  it('crypto quantities can be fractional', () => {
    const btc = { symbol: 'BTC-USD', assetClass: 'crypto' as const };
    const trade = only(
      groupExecutionsIntoTrades([
        fill('k1', 0, 'buy', '0.015', '42000.5', btc),
        fill('k2', 1, 'buy', '0.005', '42100', btc),
        fill('k3', 2, 'sell', '0.02', '43000', { ...btc, fee: '0.86' }),
      ]).trades,
    );
    // cost = 0.015 × 42000.5 + 0.005 × 42100 = 630.0075 + 210.5 = 840.5075; proceeds = 860.
    expect(trade).toMatchObject({ quantity: '0.02', grossPnl: '19.4925', netPnl: '18.6325' });
  });

  it('forex quantities are units of the base currency; P&L is in the quote currency', () => {
    const fx = { symbol: 'EURUSD', assetClass: 'forex' as const };
    const trade = only(
      groupExecutionsIntoTrades([
        fill('x1', 0, 'buy', '25000', '1.08500', fx),
        fill('x2', 1, 'sell', '25000', '1.08750', fx),
      ]).trades,
    );
    // 0.25 lot = 25,000 EUR; 25 pips = 0.0025 USD per EUR → 62.5 USD.
    expect(trade.grossPnl).toBe('62.5');
  });

  it('warns about an unknown futures root, naming the symbol, and still builds the trade', () => {
    const xyz = { symbol: 'XYZZ5', assetClass: 'future' as const };
    const { trades, warnings } = groupExecutionsIntoTrades([
      fill('u1', 0, 'buy', '1', '100', xyz),
      fill('u2', 1, 'sell', '1', '101', xyz),
    ]);
    expect(only(trades)).toMatchObject({ grossPnl: '1', multiplier: '1' });
    expect(only(warnings)).toMatchObject({ code: 'unknown-futures-root', symbol: 'XYZZ5', accountId: 'acct-1' });
    expect(only(warnings).message).toMatch(/XYZ.*multiplier 1/);
  });
});
