import { closeSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntegrityReport } from '../../../shared/contract/backups';
import { tempCore } from '../../../tests/support/temp-core';
import { sameDecimal } from './trade-checks';

const statusOf = (report: IntegrityReport, name: string) => report.checks.find((c) => c.name === name);

describe('journal integrity report', () => {
  let t: ReturnType<typeof tempCore>;
  beforeEach(async () => {
    t = tempCore();
    await t.call('demo.load', { trades: 60, seed: 4 });
  });
  afterEach(() => t.dispose());

  it('passes a healthy journal, with n/a where there is nothing to check yet', async () => {
    const report = await t.call('journal.verify', {});
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['database integrity', 'pass'],
      ['foreign keys', 'pass'],
      ['trades ⇄ executions', 'pass'],
      ['orphaned links', 'pass'],
      ['clock stamps', 'pass'],
      ['change log', 'pass'],
      ['attachment files', 'n/a'],
      ['embedding coverage', 'n/a'],
      ['tick coverage', 'pass'],
      ['backup freshness', 'warn'],
    ]);
    expect(statusOf(report, 'trades ⇄ executions')?.counts.checked).toBe(60);
  });

  it('finds a trade whose stored P&L no longer matches its executions', async () => {
    const db = t.core.store.db;
    const id = db.prepare(`SELECT id FROM trades LIMIT 1`).pluck().get() as string;
    db.prepare(`UPDATE trades SET net_pnl = '123456.78' WHERE id = ?`).run(id);
    const report = await t.call('journal.verify', {});
    expect(report.ok).toBe(false);
    expect(statusOf(report, 'trades ⇄ executions')).toMatchObject({ status: 'fail', counts: { mismatched: 1 } });
    expect(statusOf(report, 'trades ⇄ executions')?.detail).toContain(id);
  });

  it('finds a trade the executions imply but nobody stored, and a stored trade no execution explains', async () => {
    const db = t.core.store.db;
    const gone = db.prepare(`SELECT id FROM trades LIMIT 1`).pluck().get() as string;
    db.prepare(`UPDATE trades SET deleted_hlc = hlc WHERE id = ?`).run(gone);
    // A trade in an account and symbol with no executions at all.
    const other = db.prepare(`SELECT id FROM trades WHERE id <> ? LIMIT 1`).pluck().get(gone) as string;
    db.prepare(`CREATE TEMP TABLE stray AS SELECT * FROM trades WHERE id = ?`).run(other);
    db.exec(`UPDATE stray SET id = 'stray', symbol = 'NOFILLS'; INSERT INTO trades SELECT * FROM stray;`);
    const report = await t.call('journal.verify', {});
    expect(statusOf(report, 'trades ⇄ executions')).toMatchObject({
      status: 'fail',
      counts: { missing: 1, extra: 1, checked: 59, trades: 60 },
    });
  });

  it('finds missing and damaged attachment files', async () => {
    const a = await t.call('attachments.add', {
      fileName: 'a.png',
      mime: 'image/png',
      dataBase64: Buffer.from('one').toString('base64'),
    });
    const b = await t.call('attachments.add', {
      fileName: 'b.png',
      mime: 'image/png',
      dataBase64: Buffer.from('two').toString('base64'),
    });
    rmSync(join(t.dataDir, 'files', a.sha256));
    writeFileSync(join(t.dataDir, 'files', b.sha256), 'tampered');
    const report = await t.call('journal.verify', {});
    expect(statusOf(report, 'attachment files')).toMatchObject({ status: 'fail', counts: { missing: 1, damaged: 1 } });
  });

  it('finds clock stamps from the future, change-log records without rows and orphaned tag links', async () => {
    const db = t.core.store.db;
    db.prepare(`UPDATE tags SET hlc = '999999999999999-000000-abc' WHERE id = (SELECT id FROM tags LIMIT 1)`).run();
    db.prepare(
      `INSERT INTO outbox (mutation_id, entity, row_id, op, patch, hlc, created_at) VALUES ('m', 'trades', 'gone', 'upsert', '{}', 'x', 0)`,
    ).run();
    const link = db
      .prepare(`SELECT trade_id FROM trade_tags WHERE deleted_hlc IS NULL LIMIT 1`)
      .pluck()
      .get() as string;
    db.prepare(`UPDATE trades SET deleted_hlc = hlc WHERE id = ?`).run(link);
    const report = await t.call('journal.verify', {});
    expect(statusOf(report, 'clock stamps')).toMatchObject({ status: 'fail', counts: { future: 1 } });
    expect(statusOf(report, 'change log')).toMatchObject({ status: 'fail', counts: { orphaned: 1 } });
    expect(statusOf(report, 'orphaned links')?.status).toBe('warn');
  });

  it('finds a trade whose stored fills are not the ones the engine assigns it', async () => {
    const db = t.core.store.db;
    // Two closed trades' opening legs swapped: every quantity and P&L still matches.
    const [a, b] = db.prepare(`SELECT trade_id, execution_id FROM trade_legs WHERE role = 'open' LIMIT 2`).all() as {
      trade_id: string;
      execution_id: string;
    }[];
    const move = db.prepare(`UPDATE trade_legs SET trade_id = ? WHERE trade_id = ? AND execution_id = ?`);
    move.run(b?.trade_id, a?.trade_id, a?.execution_id);
    move.run(a?.trade_id, b?.trade_id, b?.execution_id);
    const report = await t.call('journal.verify', {});
    expect(statusOf(report, 'trades ⇄ executions')).toMatchObject({ status: 'fail', counts: { legsDiffer: 2 } });
  });

  it('reads a leg quantity stored as "2.000" as the engine’s "2"', async () => {
    const db = t.core.store.db;
    // A trade with two or more legs, their whole quantities written with trailing zeros: the
    // texts no longer match the engine's, so the order-free comparison decides.
    const trade = db
      .prepare(`SELECT trade_id FROM trade_legs GROUP BY trade_id HAVING count(*) >= 2 LIMIT 1`)
      .pluck()
      .get() as string;
    db.prepare(
      `UPDATE trade_legs SET quantity = quantity || '.000' WHERE trade_id = ? AND quantity NOT LIKE '%.%'`,
    ).run(trade);
    const report = await t.call('journal.verify', {});
    expect(statusOf(report, 'trades ⇄ executions')).toMatchObject({ status: 'pass', counts: { legsDiffer: 0 } });
  });

  it('finds trade legs whose trade or fill is gone', async () => {
    const db = t.core.store.db;
    db.prepare(`INSERT INTO trade_legs VALUES ('no-such-trade', 'no-such-fill', '1', '0', 'open')`).run();
    const report = await t.call('journal.verify', {});
    expect(statusOf(report, 'orphaned links')).toMatchObject({ status: 'warn', counts: { 'trade legs': 1 } });
  });

  it('calls a fresh backup fresh', async () => {
    await t.call('backups.create', {});
    expect(statusOf(await t.call('journal.verify', {}), 'backup freshness')?.status).toBe('pass');
  });

  it('compares decimals as numbers', () => {
    expect(sameDecimal('2.50', '2.5')).toBe(true);
    expect(sameDecimal('-0.0', '0')).toBe(true);
    expect(sameDecimal('007', '7')).toBe(true);
    expect(sameDecimal('1.2', '1.25')).toBe(false);
  });
});

describe('database integrity after a restore', () => {
  let t: ReturnType<typeof tempCore>;
  const integrity = async () => statusOf(await t.call('journal.verify', {}), 'database integrity');
  beforeEach(async () => {
    t = tempCore();
    await t.call('demo.load', { trades: 300, seed: 9 });
    const backup = await t.call('backups.create', {});
    await t.call('backups.restore', { file: backup.file });
  });
  afterEach(() => t.dispose());

  it('reuses the check the restore ran while the file is unchanged, and again after its own pass', async () => {
    const first = await integrity();
    expect(first).toMatchObject({ status: 'pass', counts: { reused: 1 } });
    expect(first?.detail).toContain('by the restore');
    // Any write through SQLite changes the identity: the next report runs the check itself.
    await t.call('accounts.create', { name: 'After restore', currency: 'USD' });
    const second = await integrity();
    expect(second?.status).toBe('pass');
    expect(second?.counts.reused).toBeUndefined();
    expect((await integrity())?.detail).toContain('by the previous report');
  });

  it('runs the check again and fails when the file was damaged on disk after the restore', async () => {
    const file = join(t.dataDir, 'journal.sqlite');
    const { size } = statSync(file);
    const pageSize = t.core.store.db.pragma('page_size', { simple: true }) as number;
    // Scribble over the second half of the file, page headers included, as a failing disk might.
    const fd = openSync(file, 'r+');
    try {
      const junk = Buffer.alloc(pageSize, 0x5a);
      for (let page = Math.floor(size / pageSize / 2); page < size / pageSize; page++)
        writeSync(fd, junk, 0, pageSize, page * pageSize);
    } finally {
      closeSync(fd);
    }
    const report = await t.call('journal.verify', {});
    expect(report.ok).toBe(false);
    expect(statusOf(report, 'database integrity')).toMatchObject({ status: 'fail' });
    expect(statusOf(report, 'database integrity')?.counts.reused).toBeUndefined();
  });
});
