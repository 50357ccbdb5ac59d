import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveInstrument } from '../instruments';
import { add, compare, div, formatDecimal, mul, sub, sum } from '../money';
import type { AssetClass } from '../types';
import { groupExecutionsIntoTrades, REVERSAL_SUFFIX, type EngineExecution, type EngineResult } from './index';

// The engine computes with scaled BigInts; these properties recompute with big.js (money.ts),
// so each one also checks the two arithmetic paths against each other.

const SYMBOLS: readonly [string, AssetClass][] = [
  ['MESZ5', 'future'],
  ['AAPL', 'stock'],
  ['BTC-USD', 'crypto'],
  ['AAPL240119C190', 'option'],
  ['ZNH6', 'future'],
];

/** A decimal string with up to `places` places, sometimes padded with zeros ("12.50"). */
function decimal(min: number, max: number, places: number) {
  return fc
    .tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: places }), fc.integer({ min: 0, max: 2 }))
    .map(([units, scale, pad]) => {
      const negative = units < 0;
      const digits = String(Math.abs(units)).padStart(scale + 1, '0');
      const whole = digits.slice(0, digits.length - scale);
      const fraction = digits.slice(digits.length - scale) + '0'.repeat(pad);
      const text = fraction ? `${whole}.${fraction}` : whole;
      return negative ? `-${text}` : text;
    });
}

const row = fc.record({
  account: fc.constantFrom('acct-1', 'acct-2'),
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  quantity: decimal(1, 5000, 3),
  price: decimal(1, 9_000_000, 4),
  fee: decimal(-50, 500, 3),
  minute: fc.integer({ min: 0, max: 30 }),
});

/** Executions with distinct ids; timestamps may collide (the id breaks the tie). */
const executions = fc.array(row, { minLength: 1, maxLength: 80 }).map((rows) =>
  rows.map((r, i): EngineExecution => ({
    id: `e${String(i).padStart(3, '0')}`,
    accountId: r.account,
    symbol: r.symbol[0],
    assetClass: r.symbol[1],
    side: r.side,
    quantity: r.quantity,
    price: r.price,
    fee: r.fee,
    currency: 'USD',
    executedAt: r.minute * 60_000,
  })),
);

function legsByExecution(result: EngineResult): Map<string, { quantity: string; fee: string }[]> {
  const legs = new Map<string, { quantity: string; fee: string }[]>();
  for (const trade of result.trades) {
    for (const leg of trade.legs) legs.set(leg.executionId, [...(legs.get(leg.executionId) ?? []), leg]);
  }
  return legs;
}

type ReferenceTrade = {
  id: string;
  side: 'long' | 'short';
  status: 'open' | 'closed';
  quantity: string;
  entryPrice: string;
  grossPnl: string;
};

/**
 * The slow, obvious model: one lot queue per account and symbol, closes taken from the front
 * one lot at a time, everything in big.js strings.
 */
function referenceTrades(execs: readonly EngineExecution[]): ReferenceTrade[] {
  const sorted = [...execs].sort((a, b) => a.executedAt - b.executedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  type Open = {
    trade: ReferenceTrade;
    dir: 1 | -1;
    lots: { qty: string; price: string }[];
    position: string;
    openQty: string;
    openValue: string;
    realized: string;
    multiplier: string;
  };
  const open = new Map<string, Open>();
  const trades: ReferenceTrade[] = [];
  for (const e of sorted) {
    const key = `${e.accountId}|${e.symbol}`;
    const dir = e.side === 'buy' ? 1 : -1;
    let left = e.quantity;
    let id = e.id;
    while (compare(left, '0') > 0) {
      let o = open.get(key);
      if (!o) {
        const trade: ReferenceTrade = {
          id,
          side: dir === 1 ? 'long' : 'short',
          status: 'open',
          quantity: '0',
          entryPrice: '0',
          grossPnl: '0',
        };
        const multiplier = resolveInstrument(e.symbol, e.assetClass).multiplier;
        o = { trade, dir, lots: [], position: '0', openQty: '0', openValue: '0', realized: '0', multiplier };
        open.set(key, o);
        trades.push(trade);
      }
      if (dir === o.dir) {
        o.lots.push({ qty: left, price: e.price });
        o.position = add(o.position, left);
        o.openQty = add(o.openQty, left);
        o.openValue = add(o.openValue, mul(left, e.price));
        if (compare(o.position, o.trade.quantity) > 0) o.trade.quantity = o.position;
        left = '0';
      } else {
        const lot = o.lots[0];
        if (!lot) throw new Error('a non-flat position has lots');
        const take = compare(lot.qty, left) < 0 ? lot.qty : left;
        o.realized = add(o.realized, mul(mul(sub(e.price, lot.price), take), String(o.dir)));
        lot.qty = sub(lot.qty, take);
        if (compare(lot.qty, '0') === 0) o.lots.shift();
        o.position = sub(o.position, take);
        left = sub(left, take);
        if (compare(o.position, '0') === 0) {
          o.trade.status = 'closed';
          open.delete(key);
          id = e.id + REVERSAL_SUFFIX;
        }
      }
      o.trade.entryPrice = div(o.openValue, o.openQty);
      o.trade.grossPnl = mul(o.realized, o.multiplier);
    }
  }
  return trades;
}

describe('groupExecutionsIntoTrades (properties)', () => {
  it('agrees with a lot-by-lot FIFO reference model', () => {
    fc.assert(
      fc.property(executions, (execs) => {
        const actual = groupExecutionsIntoTrades(execs).trades.map((t) => ({
          id: t.id,
          side: t.side,
          status: t.status,
          quantity: t.quantity,
          entryPrice: t.entryPrice,
          grossPnl: t.grossPnl,
        }));
        const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        expect(actual.sort(byId)).toEqual(referenceTrades(execs).sort(byId));
      }),
      { numRuns: 200 },
    );
  });

  it('conserves quantity: each execution’s legs add up to its quantity', () => {
    fc.assert(
      fc.property(executions, (execs) => {
        const legs = legsByExecution(groupExecutionsIntoTrades(execs));
        for (const exec of execs) {
          const pieces = legs.get(exec.id) ?? [];
          expect(pieces.length === 1 || pieces.length === 2).toBe(true);
          expect(compare(sum(pieces.map((l) => l.quantity)), exec.quantity)).toBe(0);
        }
      }),
    );
  });

  it('allocates fees exactly: legs add up to every execution’s fee, trades to their legs', () => {
    fc.assert(
      fc.property(executions, (execs) => {
        const result = groupExecutionsIntoTrades(execs);
        expect(sum(result.trades.map((t) => t.fees))).toBe(formatDecimal(sum(execs.map((e) => e.fee))));
        const legs = legsByExecution(result);
        for (const exec of execs) {
          expect(sum((legs.get(exec.id) ?? []).map((l) => l.fee))).toBe(formatDecimal(exec.fee));
        }
        for (const trade of result.trades) expect(sum(trade.legs.map((l) => l.fee))).toBe(trade.fees);
      }),
    );
  });

  it('closed trades: netPnl = (proceeds − costs) × multiplier − fees, exactly', () => {
    fc.assert(
      fc.property(executions, (execs) => {
        const byId = new Map(execs.map((e) => [e.id, e]));
        for (const trade of groupExecutionsIntoTrades(execs).trades) {
          if (trade.status !== 'closed') continue;
          const value = (side: string) =>
            sum(
              trade.legs
                .map((l) => ({ leg: l, exec: byId.get(l.executionId) }))
                .filter(({ exec }) => exec?.side === side)
                .map(({ leg, exec }) => mul(leg.quantity, exec?.price ?? 'NaN')),
            );
          const multiplier = resolveInstrument(trade.symbol, trade.assetClass).multiplier;
          const gross = mul(sub(value('sell'), value('buy')), multiplier);
          expect(trade.grossPnl).toBe(gross);
          expect(trade.netPnl).toBe(sub(gross, trade.fees));
        }
      }),
    );
  });

  it('gives the same result whatever the input row order', () => {
    fc.assert(
      fc.property(
        executions.chain((execs) =>
          fc.tuple(
            fc.constant(execs),
            fc.shuffledSubarray(execs, { minLength: execs.length, maxLength: execs.length }),
          ),
        ),
        ([execs, shuffled]) => {
          expect(groupExecutionsIntoTrades(shuffled)).toEqual(groupExecutionsIntoTrades(execs));
        },
      ),
    );
  });

  it('is idempotent and leaves its input alone', () => {
    fc.assert(
      fc.property(executions, (execs) => {
        const before = structuredClone(execs);
        const first = groupExecutionsIntoTrades(execs, { baseCurrency: 'EUR', fxRates: { USD: '0.92' } });
        const second = groupExecutionsIntoTrades(execs, { baseCurrency: 'EUR', fxRates: { USD: '0.92' } });
        expect(second).toEqual(first);
        expect(execs).toEqual(before);
        for (const trade of first.trades) expect(trade.netPnlBase).toBe(mul(trade.netPnl, '0.92'));
      }),
    );
  });

  it('never leaves more than one trade open per account and symbol, and it is the last one', () => {
    fc.assert(
      fc.property(executions, (execs) => {
        const last = new Map<string, string>();
        const { trades } = groupExecutionsIntoTrades(execs);
        for (const t of trades) last.set(`${t.accountId}|${t.symbol}`, t.id);
        for (const t of trades) {
          if (t.status === 'open') expect(last.get(`${t.accountId}|${t.symbol}`)).toBe(t.id);
          else expect(t.closedAt).not.toBeNull();
        }
      }),
    );
  });
});
