import { cloudEntities } from '../../sync/entities';
import { CloudDb } from '../../sync/postgres';
import { SyncEngine, type SyncEngineOptions } from '../../sync/engine';
import { testPostgres } from './cloud-services';
import { tempCore } from './temp-core';

/** A fresh cloud database for one test file (see cloud-services.ts); `drop` removes it. */
export async function freshCloudDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const db = await testPostgres();
  return { url: db.url, drop: () => db.drop() };
}

export type Device = ReturnType<typeof tempCore> & {
  cloud: CloudDb;
  engine: SyncEngine;
  sync: () => ReturnType<SyncEngine['syncOnce']>;
  close: () => Promise<void>;
};

/** A journal on its own data folder, syncing to `url` in `workspaceId`. */
export async function device(
  url: string,
  workspaceId: string,
  options: Partial<SyncEngineOptions> = {},
): Promise<Device> {
  const t = tempCore();
  const cloud = await CloudDb.open({ url, workspaceId });
  const engine = new SyncEngine({ store: t.core.store, cloud, ...options });
  return {
    ...t,
    cloud,
    engine,
    sync: () => engine.syncOnce(),
    close: async () => {
      await cloud.close();
      t.dispose();
    },
  };
}

/** Every synced row of a journal as (table, id, hlc, deleted) plus its columns, for comparing devices. */
export function journalImage(d: Device): Record<string, unknown[]> {
  const db = d.core.store.db;
  const out: Record<string, unknown[]> = {};
  for (const table of cloudEntities.map((e) => e.name)) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  }
  return out;
}
