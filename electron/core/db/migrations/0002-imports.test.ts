import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../open';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-imports';

describe('migration 0002 (import history and presets)', () => {
  it('upgrades a version-1 journal without touching its trades', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration0001]);
    db.exec(`INSERT INTO accounts VALUES ('a1', 'Main', NULL, 'USD', NULL, 0, 'h', NULL, 'd')`);
    db.exec(`INSERT INTO executions (id, account_id, dedupe_key, symbol, asset_class, side, quantity, price, fee, currency, executed_at, source, hlc, device_id)
             VALUES ('e1', 'a1', 'k1', 'ES', 'future', 'buy', '1', '5000', '0', 'USD', 1, 'old-import', 'h', 'd')`);

    migrate(db, [migration0001, migration0002]);

    expect(schemaVersionOf(db)).toBe(2);
    expect(db.prepare(`SELECT id, source FROM executions`).all()).toEqual([{ id: 'e1', source: 'old-import' }]);
    db.exec(`INSERT INTO import_presets VALUES ('p1', 'My broker', '{}', 0, 'h', NULL, 'd')`);
    expect(() => db.exec(`INSERT INTO import_presets VALUES ('p2', 'MY BROKER', '{}', 0, 'h', NULL, 'd')`)).toThrow(
      /UNIQUE/,
    );
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM executions WHERE source = ?`).all('x') as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join()).toContain('executions_by_source');
  });
});
