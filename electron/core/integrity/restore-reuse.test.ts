import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntegrityCheck, IntegrityReport } from '../../../shared/contract/backups';
import { tempCore } from '../../../tests/support/temp-core';
import { latestSchemaVersion } from '../db/migrations';
import { foreignKeys } from './database-checks';
import { tradesMatchExecutions } from './trade-checks';

const line = (report: IntegrityReport, name: string) => report.checks.find((c) => c.name === name);
const REUSED = ['database integrity', 'foreign keys', 'trades ⇄ executions'];
const reusedNames = (report: IntegrityReport) => report.checks.filter((c) => c.counts.reused === 1).map((c) => c.name);
/** A line as it would be computed afresh: the reuse mark taken off. */
const unmarked = (c: IntegrityCheck | undefined) => {
  const counts = { ...c?.counts };
  delete counts.reused;
  return { status: c?.status, counts, detail: c?.detail.replace(/ \(checked by the restore at [^)]*\)$/, '') };
};

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

  it('reports integrity, foreign keys and trades ⇄ executions as checked by the restore, with the results a fresh run gives', async () => {
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
    // The checks the restore does not run still run.
    for (const name of ['orphaned links', 'clock stamps', 'change log', 'tick coverage'])
      expect(line(report, name)?.counts.reused).toBeUndefined();
  });

  it('runs every check again once the journal was written to', async () => {
    await t.call('accounts.create', { name: 'After restore', currency: 'USD' });
    const report = await t.call('journal.verify', {});
    expect(report.ok).toBe(true);
    expect(reusedNames(report)).toEqual([]);
    expect(line(report, 'trades ⇄ executions')?.counts.checked).toBe(120);
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

describe('a backup from an older schema', () => {
  let t: ReturnType<typeof tempCore>;
  afterEach(() => t.dispose());

  it('has its foreign keys and trades checked again by the report: the migrations ran after the restore’s checks', async () => {
    t = tempCore();
    expect(latestSchemaVersion, 'undo the newest migration here instead').toBe(12);
    await restoredDemo(t, { trades: 30, seed: 12 }, (db) => {
      // The journal as schema 11 left it: migration 12 only added the trades' kept rules.
      db.exec(`ALTER TABLE trades DROP COLUMN rules_kept`);
      db.pragma('user_version = 11');
    });
    expect(t.core.store.db.pragma('user_version', { simple: true })).toBe(12);
    const report = await t.call('journal.verify', {});
    expect(report.ok).toBe(true);
    expect(reusedNames(report)).toEqual(['database integrity']);
    expect(line(report, 'trades ⇄ executions')?.counts.checked).toBe(30);
  });
});
