import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../open';
import { migrations } from './index';

describe('migration 0006 (sync base)', () => {
  it('adds an empty sync_base table and keeps the journal as it was', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 5));
    db.exec(`INSERT INTO accounts VALUES ('a1', 'Main', NULL, 'EUR', NULL, 0, 'h', NULL, 'd')`);

    migrate(db, migrations.slice(0, 6));

    expect(schemaVersionOf(db)).toBe(6);
    expect(db.prepare(`SELECT count(*) FROM sync_base`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT name FROM accounts`).pluck().all()).toEqual(['Main']);
    db.prepare(`INSERT INTO sync_base VALUES ('trades', 't1', 'h1', '{}')`).run();
    expect(() => db.prepare(`INSERT INTO sync_base VALUES ('trades', 't1', 'h2', '{}')`).run()).toThrow(
      /UNIQUE|PRIMARY/,
    );
  });
});
