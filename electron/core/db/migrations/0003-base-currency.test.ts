import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../open';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-imports';
import { migration0003 } from './0003-base-currency';

describe('migration 0003 (net P&L in the base currency)', () => {
  it('adds an empty base-currency figure to existing trades and keeps everything else', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration0001, migration0002]);
    db.exec(`INSERT INTO accounts VALUES ('a1', 'Main', NULL, 'EUR', NULL, 0, 'h', NULL, 'd')`);
    db.exec(`INSERT INTO trades (id, account_id, symbol, asset_class, side, status, opened_at, quantity, entry_price, gross_pnl, fees, net_pnl, outcome, currency, notes, hlc, device_id)
             VALUES ('t1', 'a1', 'SAP', 'stock', 'long', 'closed', 1, '10', '200', '50', '2', '48', 1, 'EUR', 'kept', 'h', 'd')`);

    migrate(db, [migration0001, migration0002, migration0003]);

    expect(schemaVersionOf(db)).toBe(3);
    expect(db.prepare(`SELECT net_pnl, net_pnl_base, notes FROM trades`).get()).toEqual({
      net_pnl: '48',
      net_pnl_base: null,
      notes: 'kept',
    });
  });
});
