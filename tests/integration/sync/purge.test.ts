import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetDevice, listDevices } from '../../../sync/purge';
import { verifyCloud } from '../../../sync/verify';
import { testPostgres, type TestDatabase } from '../../support/cloud-services';
import { device, journalImage, type Device } from '../../support/sync-devices';
import { tempCore } from '../../support/temp-core';

// Grace 0 and no once-a-day limit: every sync purges whatever every known device has passed.
const purge = { graceMs: 0, everyMs: 0 };

describe('tombstone purging (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testPostgres();
  });
  afterAll(async () => {
    await db.drop();
  });

  /** The cloud's row of a journal entry (tombstoned or not), and its grave. */
  const cloudState = async (d: Device, id: string) => {
    // Superuser connection, past row-level security: name the workspace.
    const params = [d.cloud.workspaceId, id];
    const row = await d.cloud.pool.query<{ deleted: boolean }>(
      `SELECT deleted_hlc IS NOT NULL AS deleted FROM tpj.journal_entries WHERE workspace_id = $1 AND id = $2`,
      params,
    );
    const grave = await d.cloud.pool.query(
      `SELECT 1 FROM tpj.purged WHERE workspace_id = $1 AND entity = 'journal_entries' AND id = $2`,
      params,
    );
    return { row: row.rows[0] ?? null, grave: grave.rowCount === 1 };
  };
  const localRow = (d: Device, id: string) =>
    d.core.store.db.prepare(`SELECT body, deleted_hlc FROM journal_entries WHERE id = ?`).get(id) as
      { body: string; deleted_hlc: string | null } | undefined;
  const verified = async (d: Device) => {
    const report = await verifyCloud(d.core.store, d.cloud, d.engine.local.cursor());
    expect(
      report.tables.filter((t) => !t.match),
      'tables differing',
    ).toEqual([]);
    return report;
  };

  it('waits for a lagging device, purges once every known device passed, and verify still matches', async () => {
    const a = await device(db.url, 'purge-wait', { purge });
    const b = await device(db.url, 'purge-wait', { purge });
    const c = await device(db.url, 'purge-wait', { purge });
    try {
      await a.call('accounts.create', { name: 'Kept', currency: 'USD' });
      const entry = await a.call('journal.create', { kind: 'day', day: '2025-03-03', body: 'to be deleted' });
      for (const d of [a, b, c]) await d.sync();
      await a.call('journal.delete', { id: entry.id });
      await a.sync();
      await b.sync();
      // C has not pulled the delete yet: the tombstone must stay, or C would never learn of it.
      expect(await cloudState(a, entry.id)).toEqual({ row: { deleted: true }, grave: false });
      expect(localRow(c, entry.id)?.deleted_hlc).toBeNull();

      const report = await c.sync();
      expect(report.purgedRows).toBe(1);
      expect(await cloudState(a, entry.id)).toEqual({ row: null, grave: true });
      expect(localRow(c, entry.id)).toBeUndefined(); // C pulled the grave at once
      expect(localRow(a, entry.id)).toBeDefined(); // A drops its tombstone at its next sync
      for (const d of [a, b]) await d.sync();
      for (const d of [a, b, c]) {
        expect(localRow(d, entry.id)).toBeUndefined();
        const v = await verified(d);
        expect(v.tables.find((t) => t.table === 'journal_entries')?.cloud.rows).toBe(0);
        expect(v.tables.find((t) => t.table === 'accounts')?.cloud.live).toBe(1);
      }
      expect(journalImage(b)).toEqual(journalImage(a));
      expect(journalImage(c)).toEqual(journalImage(a));
    } finally {
      await Promise.all([a, b, c].map((d) => d.close()));
    }
  }, 60_000);

  // In bulk mode C's return is a bulk push into a workspace that, after the purge, holds no
  // journal entry at all: the graves must still be checked there.
  it.each(['batch', 'bulk'] as const)(
    'a forgotten device no longer blocks purging, and its older edit of the purged row never resurrects it (%s push)',
    async (mode) => {
      const workspace = `purge-forget-${mode}`;
      const a = await device(db.url, workspace, { purge });
      const c = await device(db.url, workspace, { purge, ...(mode === 'bulk' ? { bulkMinRecords: 1 } : {}) });
      try {
        const entry = await a.call('journal.create', { kind: 'day', day: '2025-03-04', body: 'line one' });
        await a.sync();
        await c.sync();
        // C edits offline, then A deletes: the delete is the later change and must win.
        await c.call('journal.update', { id: entry.id, patch: { body: 'line one, edited offline on C' } });
        await new Promise((r) => setTimeout(r, 5));
        await a.call('journal.delete', { id: entry.id });
        await a.sync();
        expect(await cloudState(a, entry.id)).toEqual({ row: { deleted: true }, grave: false }); // C blocks

        expect((await listDevices(a.cloud)).map((d) => d.deviceId).sort()).toEqual(
          [a.core.store.deviceId, c.core.store.deviceId].sort(),
        );
        expect(await forgetDevice(a.cloud, c.core.store.deviceId)).toBe(true);
        await a.sync();
        expect(await cloudState(a, entry.id)).toEqual({ row: null, grave: true });

        // C comes back and pushes its older edit: the cloud refuses it and C drops the row.
        const back = await c.sync();
        expect(back.pushedRecords).toBe(1);
        expect(await cloudState(a, entry.id)).toEqual({ row: null, grave: true });
        expect(localRow(c, entry.id)).toBeUndefined();
        expect(c.engine.local.pending()).toBe(0);
        // Known again, and caught up.
        expect((await listDevices(a.cloud)).some((d) => d.deviceId === c.core.store.deviceId)).toBe(true);

        // A newer version of the same id (a day's entry is named by its day) is a new change: accepted.
        const again = await a.call('journal.create', { kind: 'day', day: '2025-03-04', body: 'written again' });
        expect(again.id).toBe(entry.id);
        await a.sync();
        await c.sync();
        expect(localRow(c, entry.id)).toMatchObject({ body: 'written again', deleted_hlc: null });
        expect(journalImage(c)).toEqual(journalImage(a));
        await verified(a);
        await verified(c);
      } finally {
        await a.close();
        await c.close();
      }
    },
    60_000,
  );

  it('at most once per period, and never a tombstone younger than the grace period', async () => {
    const a = await device(db.url, 'purge-grace', { purge: { graceMs: 60 * 60_000, everyMs: 0 } });
    const b = await device(db.url, 'purge-grace', { purge: { graceMs: 0, everyMs: 60 * 60_000 } });
    try {
      const entry = await a.call('journal.create', { kind: 'day', day: '2025-03-05', body: 'x' });
      await a.sync();
      await b.sync(); // B's purge runs here (nothing to purge yet) and then not again for an hour
      await a.call('journal.delete', { id: entry.id });
      await a.sync(); // A's purge runs, but the tombstone is a minute old, not an hour
      await b.sync();
      await a.sync();
      expect(await cloudState(a, entry.id)).toEqual({ row: { deleted: true }, grave: false });
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);

  it('sync.devices lists the workspace’s devices and sync.forgetDevice refuses to forget this one', async () => {
    const config = { databaseUrl: db.url, workspaceId: 'purge-cli' };
    const t = tempCore({ sync: { config } });
    try {
      await t.call('sync.now', {});
      const list = await t.call('sync.devices', {});
      expect(list).toEqual([expect.objectContaining({ deviceId: t.core.store.deviceId, thisDevice: true })]);
      const self = await t.core.invoke('sync.forgetDevice', { deviceId: t.core.store.deviceId });
      expect(self.ok).toBe(false);
      expect(await t.call('sync.forgetDevice', { deviceId: 'no-such-device' })).toEqual({ forgotten: false });
    } finally {
      t.dispose();
    }
  });
});
