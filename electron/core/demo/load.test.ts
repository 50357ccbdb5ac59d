import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';
import { loadDemoJournal } from './load';

type Core = ReturnType<typeof tempCore>;

function snapshot(t: Core) {
  // Everything but ids and clocks, which are unique per journal by design.
  return t.core.store.db
    .prepare(
      `SELECT symbol, side, quantity, entry_price, exit_price, gross_pnl, fees, net_pnl, opened_at, closed_at, stop_price, rating, notes
       FROM trades ORDER BY opened_at, symbol, net_pnl`,
    )
    .all();
}

describe('demo journal', () => {
  const open: Core[] = [];
  afterEach(() => open.splice(0).forEach((t) => t.dispose()));

  it('is the same journal for the same seed and a different one for another seed', () => {
    const [a, b, c] = [tempCore(), tempCore(), tempCore()];
    open.push(a, b, c);
    loadDemoJournal(a.core.store, { trades: 80, seed: 5, endDay: '2025-06-27' });
    loadDemoJournal(b.core.store, { trades: 80, seed: 5, endDay: '2025-06-27' });
    loadDemoJournal(c.core.store, { trades: 80, seed: 6, endDay: '2025-06-27' });
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(a)).not.toEqual(snapshot(c));
  });

  it('keeps every trade consistent with its executions (exact P&L, quantities, times)', async () => {
    const t = tempCore();
    open.push(t);
    await t.call('demo.load', { trades: 150, seed: 9 });
    const page = await t.call('trades.list', { limit: 1000 });
    const kinds = new Set<string>();
    for (const trade of page.items) {
      const detail = await t.call('trades.get', { id: trade.id });
      const dir = trade.side === 'long' ? 1 : -1;
      // Work in integer micro-units so the check itself has no float error.
      const micro = (s: string) => BigInt(Math.round(Number(s) * 1_000_000));
      let position = 0n;
      let cash = 0n;
      let fees = 0n;
      for (const e of detail.executions) {
        const q = BigInt(e.quantity);
        position += e.side === 'buy' ? q : -q;
        cash += (e.side === 'sell' ? 1n : -1n) * q * micro(e.price);
        fees += micro(e.fee);
      }
      expect(position).toBe(0n);
      expect(cash * BigInt(trade.multiplier)).toBe(micro(trade.grossPnl));
      expect(fees).toBe(micro(trade.fees));
      expect(micro(trade.netPnl)).toBe(micro(trade.grossPnl) - fees);
      expect(detail.executions[0]?.side).toBe(dir === 1 ? 'buy' : 'sell');
      kinds.add(`${trade.assetClass}:${trade.side}:${detail.executions.length > 2 ? 'partials' : 'simple'}`);
    }
    expect(kinds).toEqual(
      new Set([
        'future:long:partials',
        'future:short:partials',
        'stock:long:partials',
        'stock:short:partials',
        'future:long:simple',
        'future:short:simple',
        'stock:long:simple',
        'stock:short:simple',
      ]),
    );
    const notes = await t.call('journal.list', { kind: 'day' });
    expect(notes.length).toBeGreaterThan(10);
    const ticks = t.core.store.db.prepare('SELECT count(*) FROM ticks').pluck().get() as number;
    expect(ticks).toBeGreaterThan(1000);
  });

  it('refuses to load into a journal that already has trades', async () => {
    const t = tempCore();
    open.push(t);
    await t.call('demo.load', { trades: 5 });
    expect(await t.core.invoke('demo.load', { trades: 5 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
