import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../open';
import { migration0001 } from './0001-initial';

describe('migration 0001 (initial schema)', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  afterEach(() => undefined);

  it('creates every entity table as STRICT with the sync columns', () => {
    migrate(db, [migration0001]);
    expect(schemaVersionOf(db)).toBe(1);
    const synced = [
      'accounts',
      'executions',
      'trades',
      'journal_entries',
      'playbooks',
      'tags',
      'trade_tags',
      'attachments',
      'coach_messages',
      'settings',
    ];
    for (const table of synced) {
      const sql = (db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).get(table) as { sql: string }).sql;
      expect(sql, table).toMatch(/\) STRICT$/);
      const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map(
        (c) => c.name,
      );
      expect(cols, table).toEqual(expect.arrayContaining(['id', 'hlc', 'deleted_hlc', 'device_id']));
    }
    for (const table of ['ticks', 'outbox', 'sync_state', 'tick_chunks', 'meta']) {
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = ?`).get(table)).toEqual({ n: 1 });
    }
  });

  it('enforces the shapes a trader could otherwise corrupt: types, sides and foreign keys', () => {
    const base = `'h', NULL, 'd'`;
    db.exec(`INSERT INTO accounts VALUES ('a1', 'Main', NULL, 'USD', NULL, 0, ${base})`);
    const trade = (id: string, account: string, side: string) =>
      db.exec(`INSERT INTO trades (id, account_id, symbol, asset_class, side, status, opened_at, quantity, entry_price, gross_pnl, fees, net_pnl, outcome, currency, hlc, device_id)
               VALUES ('${id}', '${account}', 'ES', 'future', '${side}', 'open', 1, '1', '1', '0', '0', '0', 0, 'USD', 'h', 'd')`);
    trade('t1', 'a1', 'long');
    expect(() => trade('t2', 'a1', 'sideways')).toThrow(/CHECK/);
    expect(() => trade('t3', 'missing', 'long')).toThrow(/FOREIGN KEY/);
    expect(() => db.exec(`INSERT INTO ticks VALUES ('ES', 'not a time', 0, 1.0, 1.0)`)).toThrow(/cannot store TEXT/);
  });

  it('keeps executions unique per account and dedupe key, so a re-import adds nothing', () => {
    const insert = () =>
      db.exec(`INSERT INTO executions (id, account_id, dedupe_key, symbol, asset_class, side, quantity, price, fee, currency, executed_at, hlc, device_id)
               VALUES (lower(hex(randomblob(8))), 'a1', 'fill-1', 'ES', 'future', 'buy', '1', '5000', '0', 'USD', 1, 'h', 'd')`);
    insert();
    expect(insert).toThrow(/UNIQUE/);
  });
});
