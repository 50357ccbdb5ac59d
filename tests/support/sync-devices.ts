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

/** `count` ESZ5 ticks a day, a second apart from 14:30 UTC (plus `offsetUs`), on March 1…`days`, 2025. */
export function writeMarchTicks(
  t: Pick<ReturnType<typeof tempCore>, 'core'>,
  days: number,
  count: number,
  offsetUs = 0,
): void {
  const insert = t.core.store.db.prepare(`INSERT INTO ticks (symbol, ts, seq, price, size) VALUES (?, ?, 0, ?, 1)`);
  for (let day = 1; day <= days; day++) {
    const start = Date.UTC(2025, 2, day, 14, 30) * 1000 + offsetUs;
    for (let i = 0; i < count; i++) insert.run('ESZ5', start + i * 1000, 5800 + i / 4);
  }
}
