import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../open';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-imports';
import { migration0003 } from './0003-base-currency';
import { migration0004 } from './0004-jobs';
import { migration0005 } from './0005-lean-trade-legs';

describe('migration 0005 (trade legs without foreign keys)', () => {
  it('keeps every leg and drops the keys and the by-execution index', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration0001, migration0002, migration0003, migration0004]);
    db.exec(`INSERT INTO accounts VALUES ('a1', 'Main', NULL, 'USD', NULL, 0, 'h', NULL, 'd')`);
    db.exec(`INSERT INTO trades (id, account_id, symbol, asset_class, side, status, opened_at, quantity, entry_price, gross_pnl, fees, net_pnl, outcome, currency, hlc, device_id)
             VALUES ('t1', 'a1', 'AAPL', 'stock', 'long', 'closed', 1, '10', '200', '50', '2', '48', 1, 'USD', 'h', 'd')`);
    for (const [id, side] of [
      ['e1', 'buy'],
      ['e2', 'sell'],
    ])
      db.exec(`INSERT INTO executions (id, account_id, dedupe_key, symbol, asset_class, side, quantity, price, fee, currency, executed_at, hlc, device_id)
               VALUES ('${id}', 'a1', '${id}', 'AAPL', 'stock', '${side}', '10', '200', '1', 'USD', 1, 'h', 'd')`);
    db.exec(`INSERT INTO trade_legs VALUES ('t1', 'e1', '10', '1', 'open'), ('t1', 'e2', '10', '1', 'close')`);

    migrate(db, [migration0001, migration0002, migration0003, migration0004, migration0005]);

    expect(schemaVersionOf(db)).toBe(5);
    expect(db.prepare(`SELECT * FROM trade_legs ORDER BY execution_id`).all()).toEqual([
      { trade_id: 't1', execution_id: 'e1', quantity: '10', fee: '1', role: 'open' },
      { trade_id: 't1', execution_id: 'e2', quantity: '10', fee: '1', role: 'close' },
    ]);
    expect(db.prepare(`SELECT count(*) FROM pragma_foreign_key_list('trade_legs')`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT name FROM pragma_index_list('trade_legs') WHERE origin = 'c'`).all()).toEqual([]);
    // Still strict, still one leg per trade and fill.
    expect(() => db.exec(`INSERT INTO trade_legs VALUES ('t1', 'e1', '1', '0', 'open')`)).toThrow(/UNIQUE/);
    expect(() => db.exec(`INSERT INTO trade_legs VALUES ('t1', 'e3', '1', '0', 'opened')`)).toThrow(/CHECK/);
  });
});
