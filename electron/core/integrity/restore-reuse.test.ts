import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntegrityCheck, IntegrityReport } from '../../../shared/contract/backups';
import { tempCore } from '../../../tests/support/temp-core';
import { latestSchemaVersion } from '../db/migrations';
import { tickCoverage } from './coverage-checks';
import { foreignKeys, orphans } from './database-checks';
import { hlcCounts, hlcFrom, hlcQueries } from './sync-checks';
import { tradesMatchExecutions } from './trade-checks';

const line = (report: IntegrityReport, name: string) => report.checks.find((c) => c.name === name);
const REUSED = [
  'database integrity',
  'foreign keys',
  'trades ⇄ executions',
  'orphaned links',
  'clock stamps',
  'tick coverage',
];
const reusedNames = (report: IntegrityReport) => report.checks.filter((c) => c.counts.reused === 1).map((c) => c.name);
/** A line as it would be computed afresh: the reuse mark taken off. */
const unmarked = (c: IntegrityCheck | undefined) => {
  const counts = { ...c?.counts };
  delete counts.reused;
  return { status: c?.status, counts, detail: c?.detail.replace(/ \(checked by the restore at [^)]*\)$/, '') };
};

/** The clock-stamp line a report at `now` would compute on its own. */
const freshClockStamps = (db: Database.Database, now: number) => hlcFrom(hlcCounts(db, hlcQueries(db, now)));

/**
 * A demo journal of `trades`, changed by `before` (a damage, an older schema), backed up and
 * restored over itself: the journal the report then describes. Returns the restore's time.
 */
async function restoredDemo(
  t: ReturnType<typeof tempCore>,
  demo: { trades: number; seed: number },
  before: (db: Database.Database) => void = () => undefined,
): Promise<number> {
  await t.call('demo.load', demo);
  before(t.core.store.db);
  const backup = await t.call('backups.create', {});
  return (await t.call('backups.restore', { file: backup.file })).restoredAt;
}

describe('the integrity report after a restore reuses the restore’s checks', () => {
  let t: ReturnType<typeof tempCore>;
  let restoredAt: number;
  beforeEach(async () => {
    t = tempCore();
    restoredAt = await restoredDemo(t, { trades: 120, seed: 21 });
  });
  afterEach(() => t.dispose());

  it('reports the lines the restore checked as checked by the restore, with the results a fresh run gives', async () => {
    const report = await t.call('journal.verify', {});
    expect(report.ok).toBe(true);
    expect(reusedNames(report)).toEqual(REUSED);
    const when = new Date(restoredAt).toISOString();
    expect(line(report, 'trades ⇄ executions')?.detail).toBe(
      `120 trades recomputed from their executions; all match (checked by the restore at ${when}; unchanged since)`,
    );
    // The restore checked the file before preparing it; its lines must still describe the journal now open.
    const db = t.core.store.db;
    expect(unmarked(line(report, 'trades ⇄ executions'))).toEqual(unmarked(tradesMatchExecutions(db)));
    expect(unmarked(line(report, 'foreign keys'))).toEqual(unmarked(foreignKeys(db)));
    expect(unmarked(line(report, 'orphaned links'))).toEqual(unmarked(orphans(db)));
    expect(unmarked(line(report, 'clock stamps'))).toEqual(unmarked(freshClockStamps(db, Date.now())));
    expect(unmarked(line(report, 'tick coverage'))).toEqual(unmarked(tickCoverage(db)));
    expect(line(report, 'clock stamps')?.detail).toMatch(/; unchanged since; future stamps checked now\)$/);
    // The checks the restore does not run still run.
    for (const name of ['change log', 'attachment files', 'backup freshness'])
      expect(line(report, name)?.counts.reused).toBeUndefined();
  });

  it('runs every check again once the journal was written to', async () => {
    await t.call('accounts.create', { name: 'After restore', currency: 'USD' });
    const report = await t.call('journal.verify', {});
    expect(report.ok).toBe(true);
    expect(reusedNames(report)).toEqual([]);
    expect(line(report, 'trades ⇄ executions')?.counts.checked).toBe(120);
    expect(line(report, 'clock stamps')?.detail).not.toContain('restore');
  });

  it('catches a trade and a reference damaged through the journal’s connection after the restore', async () => {
    const db = t.core.store.db;
    const id = db.prepare(`SELECT id FROM trades WHERE deleted_hlc IS NULL LIMIT 1`).pluck().get() as string;
    db.prepare(`UPDATE trades SET net_pnl = '987654.32' WHERE id = ?`).run(id);
    db.pragma('foreign_keys = OFF');
    db.prepare(`UPDATE trades SET playbook_id = 'no-such-playbook' WHERE id = ?`).run(id);
    db.pragma('foreign_keys = ON');
    const report = await t.call('journal.verify', {});
    expect(report.ok).toBe(false);
    expect(line(report, 'trades ⇄ executions')).toMatchObject({ status: 'fail', counts: { mismatched: 1 } });
    expect(line(report, 'foreign keys')).toMatchObject({ status: 'fail', counts: { broken: 1, trades: 1 } });
    expect(reusedNames(report)).toEqual([]);
  });

  it('catches a trade damaged by another program after the restore', async () => {
    const other = new Database(join(t.dataDir, 'journal.sqlite'));
    try {
      other.prepare(`UPDATE trades SET quantity = '424242' WHERE rowid = (SELECT min(rowid) FROM trades)`).run();
    } finally {
      other.close();
    }
    const report = await t.call('journal.verify', {});
    expect(line(report, 'trades ⇄ executions')).toMatchObject({ status: 'fail', counts: { mismatched: 1 } });
    expect(line(report, 'trades ⇄ executions')?.counts.reused).toBeUndefined();
  });
});

describe('a backup whose trades do not match its executions', () => {
  let t: ReturnType<typeof tempCore>;
  afterEach(() => t.dispose());

  it('is still restored (trades are derived), and the report shows the mismatch the restore found', async () => {
    t = tempCore();
    let id = '';
    await restoredDemo(t, { trades: 30, seed: 8 }, (db) => {
      id = db.prepare(`SELECT id FROM trades LIMIT 1`).pluck().get() as string;
      db.prepare(`UPDATE trades SET net_pnl = '-31337' WHERE id = ?`).run(id);
    });
    const report = await t.call('journal.verify', {});
    expect(report.ok).toBe(false);
    const trades = line(report, 'trades ⇄ executions');
    expect(trades).toMatchObject({ status: 'fail', counts: { mismatched: 1, reused: 1 } });
    expect(trades?.detail).toContain(id);
    expect(unmarked(trades)).toEqual(unmarked(tradesMatchExecutions(t.core.store.db)));
  });
});

describe('a backup with a stray trade leg', () => {
  let t: ReturnType<typeof tempCore>;
  afterEach(() => t.dispose());

  it('is restored, and the report shows the orphan the restore counted', async () => {
    t = tempCore();
    await restoredDemo(t, { trades: 30, seed: 8 }, (db) => {
      db.prepare(`INSERT INTO trade_legs VALUES ('no-such-trade', 'no-such-fill', '1', '0', 'open')`).run();
    });
    const orphaned = line(await t.call('journal.verify', {}), 'orphaned links');
    expect(orphaned).toMatchObject({ status: 'warn', counts: { 'trade legs': 1, reused: 1 } });
    expect(unmarked(orphaned)).toEqual(unmarked(orphans(t.core.store.db)));
  });
});

describe('a backup with a clock stamp ahead of the clock', () => {
  let t: ReturnType<typeof tempCore>;
  afterEach(() => t.dispose());

  it('has its future stamps counted by each report at its own time, beside the stamps the restore counted', async () => {
    let clock = Date.now();
    t = tempCore({ now: () => clock });
    const ahead = `${String(clock + 3_600_000).padStart(15, '0')}-000000-abc`;
    await restoredDemo(t, { trades: 30, seed: 8 }, (db) => {
      db.prepare(`UPDATE tags SET hlc = ? WHERE id = (SELECT id FROM tags LIMIT 1)`).run(ahead);
    });
    const first = line(await t.call('journal.verify', {}), 'clock stamps');
    expect(first).toMatchObject({ status: 'fail', counts: { future: 1, reused: 1 } });
    // Two hours later, with nothing written: the stamp is in the past now, and still the restore's counts are used.
    clock += 2 * 3_600_000;
    const later = line(await t.call('journal.verify', {}), 'clock stamps');
    expect(later).toMatchObject({ status: 'pass', counts: { future: 0, malformed: 0, reused: 1 } });
    expect(unmarked(later)).toEqual(unmarked(freshClockStamps(t.core.store.db, clock)));
  });
});

describe('a backup from an older schema', () => {
  let t: ReturnType<typeof tempCore>;
  afterEach(() => t.dispose());

  it('has every line but database integrity checked again by the report: the migrations ran after the restore’s checks', async () => {
    t = tempCore();
    expect(latestSchemaVersion, 'undo the newest migration here instead').toBe(13);
    await restoredDemo(t, { trades: 30, seed: 12 }, (db) => {
      // The journal as schema 12 left it: migration 13 only added the merge-base triggers.
      db.exec(`DROP TRIGGER trades_keep_sync_base; DROP TRIGGER journal_entries_keep_sync_base`);
      db.pragma('user_version = 12');
    });
    expect(t.core.store.db.pragma('user_version', { simple: true })).toBe(13);
    const report = await t.call('journal.verify', {});
    expect(report.ok).toBe(true);
    expect(reusedNames(report)).toEqual(['database integrity']);
    expect(line(report, 'trades ⇄ executions')?.counts.checked).toBe(30);
  });
});
