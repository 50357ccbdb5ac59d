import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepared } from './prepared';

describe('prepared', () => {
  const open = () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b')`);
    return db;
  };

  it('compiles a statement once per connection and hands the same one back', () => {
    const db = open();
    const sql = `SELECT name FROM t WHERE id = ?`;
    expect(prepared(db, sql)).toBe(prepared(db, sql));
    const other = open();
    expect(prepared(other, sql)).not.toBe(prepared(db, sql));
  });

  it('resets the return mode, so one caller’s pluck or raw does not leak to the next', () => {
    const db = open();
    const sql = `SELECT id, name FROM t ORDER BY id`;
    expect(prepared(db, sql).pluck().all()).toEqual([1, 2]);
    expect(prepared(db, sql).all()).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    expect(prepared(db, sql).raw().get()).toEqual([1, 'a']);
    expect(prepared(db, sql).get()).toEqual({ id: 1, name: 'a' });
    expect(prepared(db, sql).expand().get()).toEqual({ t: { id: 1, name: 'a' } });
    expect(prepared(db, sql).get()).toEqual({ id: 1, name: 'a' });
  });

  it('serves writers too, and sees the rows they wrote', () => {
    const db = open();
    prepared(db, `INSERT INTO t (name) VALUES (?)`).run('c');
    prepared(db, `INSERT INTO t (name) VALUES (?)`).run('d');
    expect(prepared(db, `SELECT count(*) FROM t`).pluck().get()).toBe(4);
  });
});
