import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { loadDemoJournal } from '../../../electron/core/demo/load';
import type { BulkAck } from '../../../sync/bulk-push';
import { provisionWorkspaceRole } from '../../../sync/cloud-schema';
import { cloudEntities } from '../../../sync/entities';
import { SyncEngine } from '../../../sync/engine';
import { CloudDb } from '../../../sync/postgres';
import { testPostgres, testRole, type TestDatabase, type TestRole } from '../../support/cloud-services';

type Opened = { core: Core; cloud: CloudDb; engine: SyncEngine; routes: BulkAck['copiedInto'][] };

type Method = 'trades.update' | 'tags.create' | 'journal.create' | 'accounts.create';

async function invoke(core: Core, method: Method, input: unknown) {
  const result = await core.invoke(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as { id: string };
}

/**
 * Every row the cloud holds for `workspace` in the order of its sequence numbers, as the
 * superuser reads it: all columns but the two the server itself fills, plus the rank of
 * `server_seq` (its values depend on what else was written, its order must not).
 */
async function cloudRows(admin: CloudDb, workspace: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const entity of cloudEntities) {
    const { rows } = await admin.pool.query<{ w: string; row: Record<string, unknown> }>(
      `SELECT workspace_id AS w, to_jsonb(t) - 'workspace_id' - 'server_seq' AS row
       FROM tpj.${entity.name} t WHERE workspace_id = $1 ORDER BY server_seq`,
      [workspace],
    );
    expect(new Set(rows.map((r) => r.w))).toEqual(new Set(rows.length > 0 ? [workspace] : []));
    out[entity.name] = rows.map((r) => r.row);
  }
  return out;
}

describe('a bulk push COPYs straight into the cloud tables where row-level security allows it', () => {
  let db: TestDatabase;
  let role: TestRole;
  let admin: CloudDb;
  let journal: string;
  const dirs: string[] = [];
  const opened: Opened[] = [];

  /** A copy of the journal (same device id, same rows, same clocks) syncing as `url` to `workspace`. */
  const open = async (url: string, workspace: string): Promise<Opened> => {
    const dir = mkdtempSync(join(tmpdir(), 'tpj-bulk-direct-'));
    dirs.push(dir);
    cpSync(journal, dir, { recursive: true });
    const core = createCore({ dataDir: dir, sync: { config: null } });
    const cloud = await CloudDb.open({ url, workspaceId: workspace });
    const routes: BulkAck['copiedInto'][] = [];
    const pushBulk = cloud.pushBulk.bind(cloud);
    cloud.pushBulk = async (snapshot, options) => {
      const ack = await pushBulk(snapshot, options);
      routes.push(ack.copiedInto);
      return ack;
    };
    const o = { core, cloud, engine: new SyncEngine({ store: core.store, cloud, bulkMinRecords: 1 }), routes };
    opened.push(o);
    return o;
  };

  beforeAll(async () => {
    db = await testPostgres();
    role = await testRole();
    admin = await CloudDb.open({ url: db.url, workspaceId: 'admin' });
    await admin.migrate();
    // A journal with imported fills, trades with notes and tags, a journal entry and a
    // tombstoned tag: every kind of part a first sync sends.
    journal = mkdtempSync(join(tmpdir(), 'tpj-bulk-direct-src-'));
    const core = createCore({ dataDir: journal, sync: { config: null } });
    try {
      loadDemoJournal(core.store, { trades: 200, seed: 11, endDay: '2026-11-20' });
      const trade = core.store.db.prepare(`SELECT id FROM trades ORDER BY id LIMIT 1`).pluck().get() as string;
      const tag = await invoke(core, 'tags.create', { name: 'held "too" long, again' });
      await invoke(core, 'trades.update', {
        id: trade,
        patch: { notes: 'line one\nline "two", \\.', tagIds: [tag.id] },
      });
      await invoke(core, 'journal.create', { kind: 'note', title: 'Friday', body: '' });
      const gone = await invoke(core, 'tags.create', { name: 'gone' });
      expect((await core.invoke('tags.delete', { id: gone.id })).ok).toBe(true);
    } finally {
      core.close();
    }
  });
  afterAll(async () => {
    for (const o of opened.splice(0)) {
      await o.cloud.close();
      o.core.close();
    }
    await admin.close();
    for (const dir of [journal, ...dirs]) rmSync(dir, { recursive: true, force: true });
    await db.drop();
    await role.drop();
  });

  it('a superuser session COPYs into the cloud tables, a workspace role stages first, and the cloud rows are the same', async () => {
    await admin.withClient((c) => provisionWorkspaceRole(c, role.name, 'as-role'));
    const superuser = await open(db.url, 'as-superuser');
    const asRole = await open(role.urlFor(db.url), 'as-role');

    await superuser.engine.syncOnce();
    await asRole.engine.syncOnce();

    const parts = cloudEntities
      .map((e) => e.name)
      .filter((name) => superuser.core.store.db.prepare(`SELECT count(*) FROM ${name}`).pluck().get() !== 0);
    expect(superuser.routes).toEqual([Object.fromEntries(parts.map((name) => [name, 'cloud table']))]);
    expect(asRole.routes).toEqual([Object.fromEntries(parts.map((name) => [name, 'staging table']))]);
    const direct = await cloudRows(admin, 'as-superuser');
    expect(direct).toEqual(await cloudRows(admin, 'as-role'));
    expect(direct.executions!.length).toBeGreaterThan(200);
    expect(direct.journal_entries).toContainEqual(expect.objectContaining({ title: 'Friday', body: '' }));
    expect(superuser.engine.local.pending()).toBe(0);
    // Ticks too: straight into tpj.tick_data for the superuser, through a staging table for
    // the role (PostgreSQL refuses it the COPY), the same rows either way.
    const ticks = async (workspace: string) =>
      (
        await admin.pool.query<Record<string, unknown>>(
          `SELECT symbol, ts, seq, price, size FROM tpj.tick_data WHERE workspace_id = $1 ORDER BY symbol, ts, seq`,
          [workspace],
        )
      ).rows;
    const sent = await ticks('as-superuser');
    expect(sent.length).toBe(superuser.core.store.db.prepare(`SELECT count(*) FROM ticks`).pluck().get());
    expect(sent.length).toBeGreaterThan(0);
    expect(await ticks('as-role')).toEqual(sent);
  });

  it('an entity the workspace already holds rows or graves of is staged and settled, the others go straight in', async () => {
    const alone = await open(db.url, 'alone');
    const first = await open(db.url, 'mixed');
    // Another device of the workspace got there first with an account; a journal entry was
    // purged there (its grave is all that is left of it).
    const otherDir = mkdtempSync(join(tmpdir(), 'tpj-bulk-direct-other-'));
    dirs.push(otherDir);
    const other = createCore({ dataDir: otherDir, sync: { config: null } });
    const otherCloud = await CloudDb.open({ url: db.url, workspaceId: 'mixed' });
    opened.push({
      core: other,
      cloud: otherCloud,
      engine: new SyncEngine({ store: other.store, cloud: otherCloud }),
      routes: [],
    });
    await invoke(other, 'accounts.create', { name: 'Other desk', currency: 'USD' });
    await opened.at(-1)!.engine.syncOnce();
    await admin.pool.query(
      `INSERT INTO tpj.purged (workspace_id, entity, id, hlc) VALUES ('mixed', 'journal_entries', 'long-gone', '0')`,
    );

    await alone.engine.syncOnce();
    await first.engine.syncOnce();

    const routes = first.routes[0]!;
    expect(routes.accounts).toBe('staging table');
    expect(routes.journal_entries).toBe('staging table');
    expect(routes.executions).toBe('cloud table');
    expect(routes.trades).toBe('cloud table');
    // Every row of the journal is in the cloud beside the other device's account.
    const mine = await cloudRows(admin, 'alone');
    const mixed = await cloudRows(admin, 'mixed');
    for (const entity of cloudEntities) {
      const extra = entity.name === 'accounts' ? 1 : 0;
      expect(mixed[entity.name]!.length, entity.name).toBe(mine[entity.name]!.length + extra);
      expect(mixed[entity.name], entity.name).toEqual(expect.arrayContaining(mine[entity.name]!));
    }
  });
});
