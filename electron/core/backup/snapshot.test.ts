import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

  const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  function rowsIn(file: string): number {
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    open.push(copy);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    return copy.prepare(`SELECT count(*) FROM rows`).pluck().get() as number;
  }

  it('reads journal.sqlite itself under a read lock when the WAL can be folded in first, rows still in the WAL included', async () => {
    insert(db, 500);
    const file = join(dir, 'journal.sqlite');
    const snapshot = await snapshotDatabase(
      db,
      join(dir, 'unused.sqlite'),
      new AbortController().signal,
      () => undefined,
    );
    try {
      expect(snapshot).toMatchObject({ how: 'read lock', file, schemaVersion: 0 });
      expect(snapshot.tables.rows).toBe(1500);
      expect(existsSync(join(dir, 'unused.sqlite'))).toBe(false);
      // The journal's connection is left as it was.
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.inTransaction).toBe(false);
      // Writes while the lock is held go to the WAL; no checkpoint may write into the file being read.
      const before = sha256(file);
      insert(db, 300);
      db.pragma('busy_timeout = 0');
      const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      expect(checkpoint?.busy).toBe(1);
      expect(sha256(file)).toBe(before);
      expect(rowsIn(file)).toBe(1500 + 300);
    } finally {
      snapshot.release();
    }
    snapshot.release();
    const [after] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    expect(after?.busy).toBe(0);
  });

  it('copies page by page when a reader keeps the WAL from being folded in', async () => {
    const reader = new Database(join(dir, 'journal.sqlite'), { readonly: true });
    open.push(reader);
    reader.exec('BEGIN');
    reader.prepare(`SELECT count(*) FROM rows`).get();
    // Only in the WAL: a plain copy of journal.sqlite would miss them.
    insert(db, 500);
    const dest = join(dir, 'snapshot.sqlite');
    const snapshot = await snapshotDatabase(db, dest, new AbortController().signal, () => undefined);
    expect(snapshot).toMatchObject({ how: 'online backup', file: dest });
    expect(snapshot.tables.rows).toBe(1500);
    expect(rowsIn(dest)).toBe(1500);
  });

  it('does not take the fast path inside a transaction of the journal', async () => {
    db.exec('BEGIN');
    insert(db, 10);
    db.exec('COMMIT');
    db.exec('BEGIN');
    const dest = join(dir, 'snapshot.sqlite');
    const snapshot = await snapshotDatabase(db, dest, new AbortController().signal, () => undefined).finally(() =>
      db.exec('COMMIT'),
    );
    expect(snapshot.how).toBe('online backup');
    expect(rowsIn(dest)).toBe(1010);
  });
});
