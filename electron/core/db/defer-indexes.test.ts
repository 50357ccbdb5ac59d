import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dropIndexesFor } from './defer-indexes';

function journal() {
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE t (id TEXT PRIMARY KEY, a INTEGER NOT NULL, b TEXT, UNIQUE (a, b)) STRICT;
    CREATE INDEX t_by_a ON t (a DESC, id) WHERE b IS NOT NULL;
    CREATE INDEX t_by_expr ON t ((a * 2), b);
    CREATE INDEX t_kept ON t (b);
  `);
  return db;
}

const schema = (db: Database.Database) =>
  db.prepare(`SELECT name, sql FROM sqlite_master WHERE tbl_name = 't' ORDER BY name`).all();

describe('dropping and rebuilding a table’s indexes around a bulk insert', () => {
  it('drops only the indexes written as CREATE INDEX and not kept, then builds the same ones over every row', () => {
    const db = journal();
    const before = schema(db);
    db.transaction(() => {
      const rebuild = dropIndexesFor(db, 't', ['t_kept']);
      const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 't'`).pluck().all();
      // The primary key's and the UNIQUE constraint's own indexes stay, as does the kept one.
      expect(names.sort()).toEqual(['sqlite_autoindex_t_1', 'sqlite_autoindex_t_2', 't_kept']);
      const insert = db.prepare(`INSERT INTO t (id, a, b) VALUES (?, ?, ?)`);
      for (let i = 0; i < 500; i++) insert.run(`r${i}`, i % 37, i % 3 === 0 ? null : `b${i}`);
      // The unique constraint still holds while the other indexes are gone.
      expect(() => insert.run('again', 1, 'b1')).toThrow(/UNIQUE/);
      rebuild();
    })();
    expect(schema(db)).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The rebuilt partial index answers a query from the index alone.
    expect(db.prepare(`SELECT count(*) FROM t INDEXED BY t_by_a WHERE b IS NOT NULL AND a = 5`).pluck().get()).toBe(
      db.prepare(`SELECT count(*) FROM t NOT INDEXED WHERE b IS NOT NULL AND a = 5`).pluck().get(),
    );
  });

  it('leaves every index in place when the transaction fails', () => {
    const db = journal();
    const before = schema(db);
    expect(() =>
      db.transaction(() => {
        dropIndexesFor(db, 't', []);
        db.prepare(`INSERT INTO t (id, a, b) VALUES ('x', 1, 'y')`).run();
        throw new Error('import failed');
      })(),
    ).toThrow('import failed');
    expect(schema(db)).toEqual(before);
    expect(db.prepare(`SELECT count(*) FROM t`).pluck().get()).toBe(0);
  });

  it('refuses to run outside a transaction, where a failure would leave the table without its indexes', () => {
    const db = journal();
    expect(() => dropIndexesFor(db, 't', [])).toThrow(/transaction/);
    expect(schema(db)).toEqual(schema(journal()));
  });
});
