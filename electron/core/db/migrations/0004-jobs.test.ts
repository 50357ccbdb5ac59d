import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../open';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-imports';
import { migration0003 } from './0003-base-currency';
import { migration0004 } from './0004-jobs';

const insertJob = `INSERT INTO jobs (queue, name, payload, priority, run_at, max_attempts, state, idempotency_key, created_at, updated_at)
                   VALUES ('ai', 'embed', '{}', 5, 0, 3, ?, ?, 0, 0)`;

describe('migration 0004 (jobs)', () => {
  it('adds an empty jobs table and keeps the journal as it was', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration0001, migration0002, migration0003]);
    db.exec(`INSERT INTO accounts VALUES ('a1', 'Main', NULL, 'EUR', NULL, 0, 'h', NULL, 'd')`);

    migrate(db, [migration0001, migration0002, migration0003, migration0004]);

    expect(schemaVersionOf(db)).toBe(4);
    expect(db.prepare(`SELECT count(*) FROM jobs`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT name FROM accounts`).pluck().all()).toEqual(['Main']);
  });

  it('lets one idempotency key be waiting or active only once, and again once it is done', () => {
    const db = new Database(':memory:');
    migrate(db, [migration0001, migration0002, migration0003, migration0004]);
    db.prepare(insertJob).run('waiting', 'sha-1');
    expect(() => db.prepare(insertJob).run('waiting', 'sha-1')).toThrow(/UNIQUE/);
    db.exec(`UPDATE jobs SET state = 'completed'`);
    expect(() => db.prepare(insertJob).run('waiting', 'sha-1')).not.toThrow();
    expect(() => db.prepare(insertJob).run('dead', 'sha-1')).not.toThrow();
    expect(() => db.prepare(insertJob).run('running', null)).toThrow(/CHECK/);
  });
});
