import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../open';
import { migrations } from './index';

describe('migration 0008 (bars)', () => {
  it('adds a bars table keyed by symbol, bar length and time, so a re-import adds nothing', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 7));
    migrate(db, migrations.slice(0, 8));
    expect(schemaVersionOf(db)).toBe(8);
    const insert = db.prepare(
      `INSERT OR IGNORE INTO bars (symbol, period_ms, ts, open, high, low, close, volume) VALUES (?, ?, ?, 1, 2, 0.5, 1.5, 10)`,
    );
    expect(insert.run('ES', 60_000, 0).changes).toBe(1);
    expect(insert.run('ES', 60_000, 0).changes).toBe(0);
    expect(insert.run('ES', 3_600_000, 0).changes).toBe(1);
    const plain = db.prepare(
      `INSERT INTO bars (symbol, period_ms, ts, open, high, low, close, volume) VALUES ('ES', 0, 1, 1, 1, 1, 1, 1)`,
    );
    expect(() => plain.run()).toThrow(/CHECK/);
    // Bars are not synced: no tick chunk is marked for them.
    expect(db.prepare(`SELECT count(*) FROM tick_chunks`).pluck().get()).toBe(0);
  });
});
