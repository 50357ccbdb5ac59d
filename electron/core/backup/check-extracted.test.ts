import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';
import { latestSchemaVersion } from '../db/migrations';
import type { Manifest } from './format';
import { tickCoverage } from '../integrity/coverage-checks';
import { orphans } from '../integrity/database-checks';
import type * as SqlWorker from '../integrity/sql-worker';
import { hlcCounts, hlcStampQueries } from '../integrity/sync-checks';
import { tableCounts } from './tables';
import { checkExtractedDatabase } from './verify-archive';

// Each test says whether the checking thread can start (when it cannot, the same checks must
// run here), and which of its statements fail as if SQLite had refused them.
const worker = vi.hoisted(() => ({ available: true, failing: null as RegExp | null }));
vi.mock('../integrity/sql-worker', async (original) => {
  const real = await original<typeof SqlWorker>();
  return {
    ...real,
    queryInWorker: async (...args: Parameters<typeof real.queryInWorker>) => {
      if (!worker.available) throw new Error('no worker here');
      const answers = await real.queryInWorker(...args);
      return answers.map((answer, i): SqlWorker.WorkerAnswer => {
        const sql = args[1][i]?.sql ?? '';
        return worker.failing?.test(sql) ? { ok: false, error: 'disk I/O error' } : answer;
      });
    },
  };
});

describe('checking an extracted database', () => {
  let t: ReturnType<typeof tempCore>;
  let file: string;
  beforeEach(async () => {
    worker.available = true;
    worker.failing = null;
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

  /** Read `file` itself, as the report would. */
  function read<T>(what: (db: Database.Database) => T): T {
    const db = new Database(file, { readonly: true });
    try {
      return what(db);
    } finally {
      db.close();
    }
  }
  /** The check, on `file` as it is, with the manifest a backup of it would carry. */
  const checkAtLatest = () =>
    checkExtractedDatabase('a.zip', file, manifestOf(latestSchemaVersion), AbortSignal.timeout(60_000));
  const restoredStamps = (db: Database.Database) => hlcCounts(db, hlcStampQueries(db));

  for (const available of [true, false]) {
    const where = available ? 'in the worker' : 'on this thread when no worker can start';
    it(`returns the foreign-key and trades ⇄ executions lines for the report (${where})`, async () => {
      worker.available = available;
      const checked = await checkAtLatest();
      expect(checked.lines.foreignKeys).toMatchObject({ status: 'pass', counts: { broken: 0 } });
      expect(checked.lines.trades).toMatchObject({ status: 'pass', counts: { checked: 25 } });
    });

    it(`counts orphaned links, clock stamps (not future ones) and tick coverage for the report (${where})`, async () => {
      worker.available = available;
      // A stray leg, so the orphan count has something to find.
      edit(`INSERT INTO trade_legs VALUES ('no-such-trade', 'no-such-fill', '1', '0', 'open')`);
      const checked = await checkAtLatest();
      const { lines } = checked;
      expect([lines.orphans, lines.clockStamps, lines.tickCoverage]).toEqual(
        read((db) => [orphans(db), restoredStamps(db), tickCoverage(db)]),
      );
      expect(lines.orphans).toMatchObject({ status: 'warn', counts: { 'trade legs': 1 } });
      expect(new Set(lines.clockStamps?.map((c) => c.kind))).toEqual(new Set(['rows', 'malformed']));
      expect(lines.tickCoverage?.status).toBe('pass');
    });

    it(`restores all the same when a report line cannot be counted, leaving that line to the report (${where})`, async () => {
      worker.available = available;
      // A tick table without timestamps: tick coverage's statement fails, nothing the restore checks does.
      edit(`DROP TABLE ticks; CREATE TABLE ticks (symbol TEXT);`);
      const checked = await checkAtLatest();
      expect(checked.lines.tickCoverage).toBeNull();
      expect(checked.lines.orphans?.status).toBe('pass');
      expect(checked.lines.clockStamps).toEqual(read(restoredStamps));
      expect(checked.lines.trades?.status).toBe('pass');
    });

    it(`refuses broken references (${where})`, async () => {
      worker.available = available;
      edit(`PRAGMA foreign_keys = OFF; UPDATE trades SET playbook_id = 'gone' WHERE rowid = 1;`);
      await expect(checkAtLatest()).rejects.toThrow(/journal\.sqlite has 1 broken references/);
    });
  }

  it('empties the change log before checking the file (the restore discards it), against the count the backup held', async () => {
    const held = read((db) => db.prepare(`SELECT count(*) FROM outbox`).pluck().get() as number);
    expect(held).toBeGreaterThan(0);
    const manifest = manifestOf(latestSchemaVersion);
    const checked = await checkExtractedDatabase('a.zip', file, manifest, AbortSignal.timeout(60_000));
    expect(checked.raw.outbox).toBe(held);
    expect(checked.live.outbox).toBe(held);
    expect(read((db) => db.prepare(`SELECT count(*) FROM outbox`).pluck().get())).toBe(0);
    expect(read((db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
  });

  it('still refuses a manifest that counts another number of change-log records', async () => {
    const manifest = manifestOf(latestSchemaVersion);
    const held = manifest.tables.outbox ?? 0;
    manifest.tables.outbox = held + 1;
    await expect(checkExtractedDatabase('a.zip', file, manifest, AbortSignal.timeout(60_000))).rejects.toThrow(
      `table outbox has ${held} rows but the manifest says ${held + 1}`,
    );
  });

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
    expect([checked.lines.orphans, checked.lines.clockStamps, checked.lines.tickCoverage]).toEqual([null, null, null]);
  });

  it('restores all the same when the checking thread cannot count orphaned links', async () => {
    worker.failing = /FROM trade_legs/;
    const checked = await checkAtLatest();
    expect(checked.lines.orphans).toBeNull();
    expect(checked.lines.foreignKeys.status).toBe('pass');
    expect(checked.lines.tickCoverage?.status).toBe('pass');
  });
});
