import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchInsert } from './batch-insert';

describe('BatchInsert', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE t (n INTEGER NOT NULL, label TEXT, amount TEXT NOT NULL) STRICT`);
  afterEach(() => db.exec('DELETE FROM t'));

  it('writes full statements and the tail, in the order rows were added', () => {
    const insert = new BatchInsert(db, 't', ['n', 'label', 'amount'], 4);
    for (let n = 0; n < 10; n++) insert.add(n, n % 3 === 0 ? null : `row ${n}`, `${n}.10`);
    // Two full statements went out as rows were added; the last two wait for flush.
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(8);
    insert.flush();
    insert.flush();
    const rows = db.prepare('SELECT n, label, amount FROM t ORDER BY rowid').all();
    expect(rows).toEqual(
      Array.from({ length: 10 }, (_, n) => ({ n, label: n % 3 === 0 ? null : `row ${n}`, amount: `${n}.10` })),
    );
  });

  it('refuses a row of the wrong width and names that are not plain SQL identifiers', () => {
    const insert = new BatchInsert(db, 't', ['n', 'label', 'amount']);
    expect(() => insert.add(1, 'x')).toThrow('Expected 3 values');
    expect(() => new BatchInsert(db, 't; DROP TABLE t', ['n'])).toThrow('Unsafe');
    expect(() => new BatchInsert(db, 't', ['n) VALUES (1); --'])).toThrow('Unsafe');
  });

  it('lets a failing row fail its statement, so the caller’s transaction rolls the batch back', () => {
    const insert = new BatchInsert(db, 't', ['n', 'label', 'amount'], 2);
    expect(() =>
      db.transaction(() => {
        insert.add(1, 'a', '1');
        insert.add(2, 'b', null);
      })(),
    ).toThrow(/NOT NULL/);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });
});
