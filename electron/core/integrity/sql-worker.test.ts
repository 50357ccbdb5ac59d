import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerValue, queryInWorker } from './sql-worker';

describe('read-only statements on a worker thread', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-sql-worker-'));
    file = join(dir, 'a.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);`);
    db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers each statement in order, a failing one with its error', async () => {
    const answers = await queryInWorker(
      file,
      [
        { sql: 'SELECT count(*) FROM t WHERE x > ?', params: [1], mode: 'pluck' },
        { sql: 'SELECT x FROM t WHERE x >= @min ORDER BY x', params: [{ min: 2 }], mode: 'all' },
        { sql: 'SELECT * FROM missing', mode: 'all' },
        { sql: 'PRAGMA integrity_check', mode: 'all' },
      ],
      new AbortController().signal,
      { readonly: true },
    );
    expect(answerValue(answers[0])).toBe(2);
    expect(answerValue(answers[1])).toEqual([{ x: 2 }, { x: 3 }]);
    expect(answers[2]?.ok).toBe(false);
    expect(() => answerValue(answers[2])).toThrow(/missing/);
    expect(answerValue(answers[3])).toEqual([{ integrity_check: 'ok' }]);
  });

  it('rejects when the file cannot be opened, and when aborted', async () => {
    await expect(
      queryInWorker(join(dir, 'none.sqlite'), [], new AbortController().signal, { readonly: true }),
    ).rejects.toThrow(/cannot be opened/);
    const abort = new AbortController();
    abort.abort(new Error('stop'));
    await expect(
      queryInWorker(file, [{ sql: 'SELECT 1', mode: 'pluck' }], abort.signal, { readonly: true }),
    ).rejects.toThrow('stop');
  });
});
