import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';
import { latestSchemaVersion } from '../db/migrations';
import type { Manifest } from './format';
import type * as SqlWorker from '../integrity/sql-worker';
import { tableCounts } from './tables';
import { checkExtractedDatabase } from './verify-archive';

// Each test says whether the checking thread can start; when it cannot, the same checks must run here.
const worker = vi.hoisted(() => ({ available: true }));
vi.mock('../integrity/sql-worker', async (original) => {
  const real = await original<typeof SqlWorker>();
  return {
    ...real,
    queryInWorker: (...args: Parameters<typeof real.queryInWorker>) =>
      worker.available ? real.queryInWorker(...args) : Promise.reject(new Error('no worker here')),
  };
});

describe('checking an extracted database', () => {
  let t: ReturnType<typeof tempCore>;
  let file: string;
  beforeEach(async () => {
    worker.available = true;
    t = tempCore();
    await t.call('demo.load', { trades: 25, seed: 6 });
    file = join(t.dataDir, 'extracted.sqlite');
    t.core.store.db.exec(`VACUUM INTO '${file}'`);
  });
  afterEach(() => t.dispose());

  /** The manifest fields the check reads, as the backup would have written them for `file`. */
  function manifestOf(schemaVersion: number): Manifest {
    const db = new Database(file, { readonly: true });
    try {
      return { schemaVersion, tables: tableCounts(db) } as Manifest;
    } finally {
      db.close();
    }
  }

  function edit(sql: string): void {
    const db = new Database(file);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  for (const available of [true, false]) {
    const where = available ? 'in the worker' : 'on this thread when no worker can start';
    it(`returns the foreign-key and trades ⇄ executions lines for the report (${where})`, async () => {
      worker.available = available;
      const checked = await checkExtractedDatabase(
        'a.zip',
        file,
        manifestOf(latestSchemaVersion),
        AbortSignal.timeout(60_000),
      );
      expect(checked.lines.foreignKeys).toMatchObject({ status: 'pass', counts: { broken: 0 } });
      expect(checked.lines.trades).toMatchObject({ status: 'pass', counts: { checked: 25 } });
    });

    it(`refuses broken references (${where})`, async () => {
      worker.available = available;
      edit(`PRAGMA foreign_keys = OFF; UPDATE trades SET playbook_id = 'gone' WHERE rowid = 1;`);
      await expect(
        checkExtractedDatabase('a.zip', file, manifestOf(latestSchemaVersion), AbortSignal.timeout(60_000)),
      ).rejects.toThrow(/journal\.sqlite has 1 broken references/);
    });
  }

  it('does not recompute trades for a backup from an older schema: its migrations come after', async () => {
    edit(`PRAGMA user_version = ${latestSchemaVersion - 1}`);
    const checked = await checkExtractedDatabase(
      'a.zip',
      file,
      manifestOf(latestSchemaVersion - 1),
      AbortSignal.timeout(60_000),
    );
    expect(checked.lines.trades).toBeNull();
    expect(checked.lines.foreignKeys.status).toBe('pass');
  });
});
