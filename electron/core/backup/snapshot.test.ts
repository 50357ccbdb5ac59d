import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotDatabase } from './create';

describe('database snapshot', () => {
  let dir: string;
  let db: Database.Database;
  const open: Database.Database[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-snapshot-'));
    db = new Database(join(dir, 'journal.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE rows (n INTEGER PRIMARY KEY, text TEXT NOT NULL)`);
    insert(db, 1000);
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function insert(into: Database.Database, count: number): void {
    const stmt = into.prepare(`INSERT INTO rows (text) VALUES (?)`);
    into.transaction(() => {
      for (let i = 0; i < count; i++) stmt.run('x'.repeat(200));
    })();
  }

  function rowsIn(file: string): number {
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    open.push(copy);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    return copy.prepare(`SELECT count(*) FROM rows`).pluck().get() as number;
  }

  it('copies the file when the WAL can be folded in first, rows still in the WAL included', async () => {
    insert(db, 500);
    const dest = join(dir, 'snapshot.sqlite');
    const how = await snapshotDatabase(db, dest, new AbortController().signal, () => undefined);
    expect(how).toBe('file copy');
    expect(rowsIn(dest)).toBe(1500);
    // The journal's connection is left as it was.
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.inTransaction).toBe(false);
  });

  it('copies page by page when a reader keeps the WAL from being folded in', async () => {
    const reader = new Database(join(dir, 'journal.sqlite'), { readonly: true });
    open.push(reader);
    reader.exec('BEGIN');
    reader.prepare(`SELECT count(*) FROM rows`).get();
    // Only in the WAL: a plain copy of journal.sqlite would miss them.
    insert(db, 500);
    const dest = join(dir, 'snapshot.sqlite');
    const how = await snapshotDatabase(db, dest, new AbortController().signal, () => undefined);
    expect(how).toBe('online backup');
    expect(rowsIn(dest)).toBe(1500);
  });

  it('does not take the fast path inside a transaction of the journal', async () => {
    db.exec('BEGIN');
    insert(db, 10);
    db.exec('COMMIT');
    db.exec('BEGIN');
    const dest = join(dir, 'snapshot.sqlite');
    const how = await snapshotDatabase(db, dest, new AbortController().signal, () => undefined).finally(() =>
      db.exec('COMMIT'),
    );
    expect(how).toBe('online backup');
    expect(rowsIn(dest)).toBe(1010);
  });
});
