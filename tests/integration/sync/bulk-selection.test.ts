import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { loadDemoJournal } from '../../../electron/core/demo/load';
import { BulkSnapshot } from '../../../sync/bulk-local';
import { cloudEntities, rowColumns } from '../../../sync/entities';
import { SyncEngine, type Failpoint, type SyncEngineOptions } from '../../../sync/engine';
import { CloudDb } from '../../../sync/postgres';
import { freshCloudDatabase } from '../../support/sync-devices';

type Opened = { core: Core; cloud: CloudDb; engine: SyncEngine; close: () => Promise<void> };

/** A journal on `dataDir` (already written) syncing to `workspace`. */
async function open(
  url: string,
  dataDir: string,
  workspace: string,
  options: Partial<SyncEngineOptions>,
): Promise<Opened> {
  const core = createCore({ dataDir, sync: { config: null } });
  const cloud = await CloudDb.open({ url, workspaceId: workspace });
  const engine = new SyncEngine({ store: core.store, cloud, ...options });
  return {
    core,
    cloud,
    engine,
    close: async () => {
      await cloud.close();
      core.close();
    },
  };
}

async function call(core: Core, method: 'trades.update' | 'tags.update' | 'tags.create', input: unknown) {
  const result = await core.invoke(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as { id: string };
}

/** Every synced row the cloud holds for `workspace`, without the server's own bookkeeping. */
async function cloudImage(cloud: CloudDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const entity of cloudEntities) {
    const { rows } = await cloud.pool.query(
      `SELECT ${rowColumns(entity).join(', ')} FROM tpj.${entity.name} WHERE workspace_id = $1 ORDER BY id COLLATE "C"`,
      [cloud.workspaceId],
    );
    out[entity.name] = rows;
  }
  return out;
}

/** The device's synced rows in the cloud's shape (bigints come back from pg as strings). */
function deviceImage(core: Core): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const entity of cloudEntities) {
    const integers = new Set(entity.columns.filter((c) => c.type === 'bigint').map((c) => c.name));
    const rows = core.store.db.prepare(`SELECT ${rowColumns(entity).join(', ')} FROM ${entity.name}`).all() as Record<
      string,
      unknown
    >[];
    out[entity.name] = rows
      .map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, integers.has(k) && typeof v === 'number' ? String(v) : v]),
        ),
      )
      .sort((x, y) => (String(x.id) < String(y.id) ? -1 : 1));
  }
  return out;
}

/** A failpoint hook that runs `edit`, once, when the sync reaches the failpoint `at`. */
function editOnceAt(at: Failpoint): {
  edit: (() => Promise<void>) | null;
  failpoint: (name: Failpoint) => Promise<void>;
} {
  const slot: ReturnType<typeof editOnceAt> = {
    edit: null,
    failpoint: async (name) => {
      const edit = slot.edit;
      if (name !== at || !edit) return;
      slot.edit = null;
      await edit();
    },
  };
  return slot;
}

describe("a journal's first sync pushes whole tables", () => {
  let cloud: { url: string; drop: () => Promise<void> };
  let journal: string;
  const dirs: string[] = [];
  const opened: Opened[] = [];
  const copyOfJournal = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpj-bulk-selection-'));
    dirs.push(dir);
    cpSync(journal, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    cloud = await freshCloudDatabase();
    // One journal with fills from an import, trades edited after they were made (notes,
    // tags), a tombstoned tag and texts to merge later; each test syncs a copy of it.
    journal = mkdtempSync(join(tmpdir(), 'tpj-bulk-selection-src-'));
    const core = createCore({ dataDir: journal, sync: { config: null } });
    try {
      loadDemoJournal(core.store, { trades: 300, seed: 7, endDay: '2026-11-20' });
      const trades = core.store.db.prepare(`SELECT id FROM trades ORDER BY id LIMIT 3`).pluck().all() as string[];
      const tag = await call(core, 'tags.create', { name: 'second-guessed' });
      for (const [i, id] of trades.entries()) {
        await call(core, 'trades.update', { id, patch: { notes: `first thought ${i}`, tagIds: [tag.id] } });
        await call(core, 'trades.update', { id, patch: { notes: `second thought ${i}` } });
      }
      const gone = await call(core, 'tags.create', { name: 'gone' });
      const deleted = await core.invoke('tags.delete', { id: gone.id });
      expect(deleted.ok).toBe(true);
    } finally {
      core.close();
    }
  });
  afterAll(async () => {
    for (const o of opened.splice(0)) await o.close();
    for (const dir of [journal, ...dirs]) rmSync(dir, { recursive: true, force: true });
    await cloud.drop();
  });

  it('leaves the cloud with exactly the rows a record-by-record push leaves', async () => {
    const bulk = await open(cloud.url, copyOfJournal(), 'whole-tables', { bulkMinRecords: 1 });
    const rows = await open(cloud.url, copyOfJournal(), 'row-by-row', { bulkMinRecords: Number.MAX_SAFE_INTEGER });
    // Pages of 37 rows: the trades (a text table, copied as the upload reads it) go in slices.
    const paged = await open(cloud.url, copyOfJournal(), 'small-pages', { bulkMinRecords: 1, bulkPageSize: 37 });
    opened.push(bulk, rows, paged);
    const lastSeq = bulk.core.store.db.prepare(`SELECT max(seq) FROM outbox`).pluck().get() as number;
    // The fixture is what the whole-table path is for: an outbox naming every row.
    expect(bulk.engine.local.coversJournal(lastSeq)).toBe(true);

    const bulkReport = await bulk.engine.syncOnce();
    const rowsReport = await rows.engine.syncOnce();
    const pagedReport = await paged.engine.syncOnce();
    expect(bulkReport.pushedRecords).toBe(lastSeq);
    expect(rowsReport.pushedRecords).toBe(lastSeq);
    expect(pagedReport.pushedRecords).toBe(lastSeq);
    expect(bulk.engine.local.pending()).toBe(0);
    expect(paged.engine.local.pending()).toBe(0);

    const image = await cloudImage(bulk.cloud);
    expect(image).toEqual(await cloudImage(rows.cloud));
    expect(image).toEqual(await cloudImage(paged.cloud));
    expect(image).toEqual(deviceImage(bulk.core));
    expect(image.executions?.length).toBeGreaterThan(300);
    // Neither device saved a merge base: every row agrees with the cloud and is its own.
    const bases = (o: Opened) => o.core.store.db.prepare(`SELECT count(*) FROM sync_base`).pluck().get();
    expect(bases(bulk)).toBe(0);
    expect(bases(rows)).toBe(0);
    expect(bases(paged)).toBe(0);
  });

  it('loses no edit made while a text table is being copied a page at a time', async () => {
    const made: { edits: Promise<unknown> | null } = { edits: null };
    const a = await open(cloud.url, copyOfJournal(), 'edited-mid-copy', {
      bulkMinRecords: 1,
      bulkPageSize: 23,
      // After the first page went up: the first and the last trade by id (the copy goes in id
      // order, so one is likely copied already and the other not yet), and a new trade tag.
      onProgress: (phase) => {
        if (phase !== 'push' || made.edits) return;
        const ids = a.core.store.db.prepare(`SELECT id FROM trades ORDER BY id`).pluck().all() as string[];
        const tag = a.core.store.db.prepare(`SELECT id FROM tags WHERE name = 'second-guessed'`).pluck().get();
        made.edits = Promise.all([
          call(a.core, 'trades.update', { id: ids[0], patch: { notes: 'first, edited mid-copy' } }),
          call(a.core, 'trades.update', { id: ids.at(-1), patch: { notes: 'last, edited mid-copy', tagIds: [tag] } }),
        ]);
      },
    });
    opened.push(a);
    await a.engine.syncOnce();
    expect(made.edits).not.toBeNull();
    await made.edits;
    await a.engine.syncOnce();
    expect(a.engine.local.pending()).toBe(0);
    const image = await cloudImage(a.cloud);
    expect(image).toEqual(deviceImage(a.core));
    expect(image.trades).toContainEqual(expect.objectContaining({ notes: 'first, edited mid-copy' }));
    expect(image.trades).toContainEqual(expect.objectContaining({ notes: 'last, edited mid-copy' }));
    expect(a.core.store.db.prepare(`SELECT count(*) FROM sync_base`).pluck().get()).toBe(0);
  });

  it('keeps rows changed during the push in the outbox and pushes them the next round', async () => {
    const during = editOnceAt('push:before-send');
    const a = await open(cloud.url, copyOfJournal(), 'edited-meanwhile', {
      bulkMinRecords: 1,
      failpoint: during.failpoint,
    });
    opened.push(a);
    const db = a.core.store.db;
    const tradeId = db.prepare(`SELECT id FROM trades ORDER BY id LIMIT 1`).pluck().get() as string;
    const tagId = db.prepare(`SELECT id FROM tags WHERE name = 'second-guessed'`).pluck().get() as string;
    let newTag = '';
    // After the outbox range was taken, before the upload: a text row (copied when the upload
    // reaches it) and a row of a table read in place are edited, and a new row is added.
    during.edit = async () => {
      await call(a.core, 'trades.update', { id: tradeId, patch: { notes: 'written while the push ran' } });
      await call(a.core, 'tags.update', { id: tagId, patch: { name: 'renamed while the push ran' } });
      newTag = (await call(a.core, 'tags.create', { name: 'added while the push ran' })).id;
    };

    const lastSeq = db.prepare(`SELECT max(seq) FROM outbox`).pluck().get() as number;
    const report = await a.engine.syncOnce();
    expect(during.edit).toBeNull();
    // The bulk push acknowledged the records it took and left the three edits' records,
    // which the same sync then pushed by the record-by-record path.
    expect(report.pushedRecords).toBe(lastSeq + 3);
    expect(a.engine.local.pending()).toBe(0);
    const image = await cloudImage(a.cloud);
    expect(image).toEqual(deviceImage(a.core));
    expect(image.trades).toContainEqual(expect.objectContaining({ id: tradeId, notes: 'written while the push ran' }));
    expect(image.tags).toContainEqual(expect.objectContaining({ id: tagId, name: 'renamed while the push ran' }));
    expect(image.tags).toContainEqual(expect.objectContaining({ id: newTag }));
  });

  it('gives a text row edited after the upload, before the acknowledgement, the pushed version as its merge base', async () => {
    const during = editOnceAt('push:after-server-commit');
    const a = await open(cloud.url, copyOfJournal(), 'edited-before-ack', {
      bulkMinRecords: 1,
      failpoint: during.failpoint,
    });
    opened.push(a);
    const db = a.core.store.db;
    const tradeId = db.prepare(`SELECT id FROM trades ORDER BY id LIMIT 1`).pluck().get() as string;
    const before = db.prepare(`SELECT hlc, notes FROM trades WHERE id = ?`).get(tradeId) as {
      hlc: string;
      notes: string;
    };
    during.edit = async () => {
      await call(a.core, 'trades.update', { id: tradeId, patch: { notes: 'written after the upload' } });
    };
    // What the bulk acknowledgement leaves as the trade's base, before the same sync pushes the edit.
    let baseAtBulkAck: { hlc: string; texts: string } | undefined;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was; called through apply
    const bulkAck = BulkSnapshot.prototype.acknowledge;
    BulkSnapshot.prototype.acknowledge = function (this: BulkSnapshot, ...args) {
      const applied = bulkAck.apply(this, args);
      baseAtBulkAck = db.prepare(`SELECT hlc, texts FROM sync_base WHERE entity = 'trades' AND id = ?`).get(tradeId) as
        { hlc: string; texts: string } | undefined;
      return applied;
    };
    try {
      await a.engine.syncOnce();
    } finally {
      BulkSnapshot.prototype.acknowledge = bulkAck;
    }
    expect(during.edit).toBeNull();
    expect(baseAtBulkAck?.hlc).toBe(before.hlc);
    expect(JSON.parse(baseAtBulkAck!.texts)).toMatchObject({ id: tradeId, hlc: before.hlc, notes: before.notes });
    // The edit went up on top of it; now everything agrees and no base is left saved.
    expect(a.engine.local.pending()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM sync_base`).pluck().get()).toBe(0);
    const image = await cloudImage(a.cloud);
    expect(image).toEqual(deviceImage(a.core));
    expect(image.trades).toContainEqual(expect.objectContaining({ id: tradeId, notes: 'written after the upload' }));
  });

  it('after a lost acknowledgement, the retry writes nothing twice and a later edit is made on the cloud’s version', async () => {
    let lose = true;
    const a = await open(cloud.url, copyOfJournal(), 'lost-ack', {
      bulkMinRecords: 1,
      failpoint: (name) => {
        if (name !== 'push:after-server-commit' || !lose) return;
        lose = false;
        throw new Error('connection lost before the acknowledgement');
      },
    });
    opened.push(a);
    await expect(a.engine.syncOnce()).rejects.toThrow(/acknowledgement/);
    const db = a.core.store.db;
    expect(db.prepare(`SELECT count(*) FROM sync_base`).pluck().get()).toBe(0);
    const seqs = await a.cloud.pool.query<{ s: string }>(
      `SELECT max(server_seq) AS s FROM tpj.trades WHERE workspace_id = $1`,
      [a.cloud.workspaceId],
    );

    // The retry finds the range's record in the cloud and uploads nothing, yet the rows
    // count as agreed with the cloud: the first edit afterwards saves the cloud's version
    // as its merge base.
    await a.engine.syncOnce();
    expect(a.engine.local.pending()).toBe(0);
    const again = await a.cloud.pool.query<{ s: string }>(
      `SELECT max(server_seq) AS s FROM tpj.trades WHERE workspace_id = $1`,
      [a.cloud.workspaceId],
    );
    expect(again.rows[0]?.s).toBe(seqs.rows[0]?.s);
    expect(await cloudImage(a.cloud)).toEqual(deviceImage(a.core));
    expect(db.prepare(`SELECT count(*) FROM sync_base`).pluck().get()).toBe(0);
    const tradeId = db.prepare(`SELECT id FROM trades ORDER BY id LIMIT 1`).pluck().get() as string;
    const { rows } = await a.cloud.pool.query<{ hlc: string; notes: string }>(
      `SELECT hlc, notes FROM tpj.trades WHERE workspace_id = $1 AND id = $2`,
      [a.cloud.workspaceId, tradeId],
    );
    await call(a.core, 'trades.update', { id: tradeId, patch: { notes: 'edited after the retry' } });
    const base = db.prepare(`SELECT hlc, texts FROM sync_base WHERE entity = 'trades'`).all() as {
      hlc: string;
      texts: string;
    }[];
    expect(base).toHaveLength(1);
    expect(base[0]!.hlc).toBe(rows[0]!.hlc);
    expect(JSON.parse(base[0]!.texts)).toMatchObject({ id: tradeId, notes: rows[0]!.notes });
  });

  it('after an acknowledged push, an outbox no longer counts as naming every row', async () => {
    const a = await open(cloud.url, copyOfJournal(), 'second-round', { bulkMinRecords: 1 });
    opened.push(a);
    await a.engine.syncOnce();
    const tagId = a.core.store.db.prepare(`SELECT id FROM tags LIMIT 1`).pluck().get() as string;
    await call(a.core, 'tags.update', { id: tagId, patch: { name: 'later' } });
    const lastSeq = a.core.store.db.prepare(`SELECT max(seq) FROM outbox`).pluck().get() as number;
    expect(a.engine.local.pendingAtLeast(1)).toBe(true);
    expect(a.engine.local.pendingAtLeast(2)).toBe(false);
    expect(a.engine.local.coversJournal(lastSeq)).toBe(false);
  });
});
