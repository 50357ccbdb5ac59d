import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from './migrations';
import { migrate, openJournalDb, schemaVersionOf } from './open';

describe('openJournalDb', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a WAL database with foreign keys on, at the latest schema', () => {
    const db = openJournalDb(join(dir, 'journal.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersionOf(db)).toBe(latestSchemaVersion);
    db.close();
  });

  it('refuses a journal written by a newer version and leaves the file alone', () => {
    const file = join(dir, 'journal.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    expect(() => openJournalDb(file)).toThrow(/newer version of Trading Path Journal/);
    const again = new Database(file);
    expect(schemaVersionOf(again)).toBe(latestSchemaVersion + 1);
    again.close();
  });

  it('rolls back a migration that fails half-way, keeping the old version', () => {
    const db = new Database(':memory:');
    const broken = [
      { version: 1, name: 'one', up: (d: Database.Database) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      {
        version: 2,
        name: 'two',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE b (x INTEGER) STRICT');
          d.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersionOf(db)).toBe(1);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'b'`).get()).toEqual({ n: 0 });
  });
});
