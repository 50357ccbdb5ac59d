import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localEmbedder, localSpace } from '../../../electron/core/embeddings/embedders';
import { PermanentJobError } from '../../../electron/core/jobs/processors';
import { QdrantStore } from '../../../sync/qdrant';
import { verifyCloudProcessor } from '../../../sync/worker/cloud-verify';
import { embedTrades } from '../../../sync/worker/embed-trades';
import { startQdrantDouble, type QdrantDouble } from '../../support/qdrant-double';
import { device, freshCloudDatabase, type Device } from '../../support/sync-devices';

describe('cloud processors on the trades devices pushed', () => {
  let cloud: { url: string; drop: () => Promise<void> };
  let qdrant: QdrantDouble;
  let a: Device;
  const never = new AbortController().signal;
  beforeAll(async () => {
    cloud = await freshCloudDatabase();
    qdrant = await startQdrantDouble();
    a = await device(cloud.url, 'ws-embed');
    // A zone other than the machine's: the worker must take the journal's, as synced.
    await a.call('settings.update', { patch: { displayTimeZone: 'Asia/Tokyo' } });
    await a.call('demo.load', { trades: 30, seed: 5 });
    await a.sync();
  });
  afterAll(async () => {
    await a?.close();
    await qdrant?.close();
    await cloud?.drop();
  });

  const deps = (workspace = 'ws-embed') => {
    const store = new QdrantStore({ url: qdrant.url, workspaceId: workspace });
    return {
      store,
      deps: { cloud: () => Promise.resolve(a.cloud), qdrant: () => Promise.resolve(store), embedder: localEmbedder },
    };
  };

  it('embeds every pushed trade with the content a device would build, then skips what is unchanged', async () => {
    const { store, deps: d } = deps();
    const first = await embedTrades(d, null, never);
    const trades = (await a.call('trades.list', { limit: 500 })).items;
    expect(first).toMatchObject({ embedded: trades.length, unchanged: 0, deleted: 0, space: localSpace });
    expect(await store.count('trades')).toBe(trades.length);

    // The device embeds the same trades itself: every content hash must match the cloud's.
    await a.core.embeddings.embedAll();
    const onDevice = await (await a.core.embeddings.cache()).mappedHashes('trades', localSpace);
    const inCloud = await store.contentHashes('trades');
    expect(onDevice.size).toBe(trades.length);
    expect(new Map([...inCloud].sort())).toEqual(new Map([...onDevice].sort()));

    const again = await embedTrades(d, null, never);
    expect(again).toMatchObject({ embedded: 0, unchanged: trades.length });
    expect(qdrant.validationFailures).toEqual([]);
  }, 60_000);

  it('re-embeds an edited trade and deletes the point of a deleted one', async () => {
    const { store, deps: d } = deps();
    await embedTrades(d, null, never);
    const [edited, deleted] = (await a.call('trades.list', { limit: 2 })).items;
    await a.call('trades.update', { id: edited!.id, patch: { notes: 'chased the open, no stop' } });
    await a.call('trades.delete', { id: deleted!.id });
    await a.sync();
    const before = await store.contentHashes('trades');
    const report = await embedTrades(d, [edited!.id, deleted!.id], never);
    expect(report).toMatchObject({ embedded: 1, unchanged: 0, deleted: 1 });
    const after = await store.contentHashes('trades');
    expect(after.has(deleted!.id)).toBe(false);
    expect(after.get(edited!.id)).not.toBe(before.get(edited!.id));
  }, 60_000);

  it('refuses to replace vectors of another width (another model) instead of dropping them', async () => {
    const other = await startQdrantDouble();
    try {
      const store = new QdrantStore({ url: other.url, workspaceId: 'ws-embed' });
      await store.ensureCollections(768);
      const d = {
        cloud: () => Promise.resolve(a.cloud),
        qdrant: () => Promise.resolve(store),
        embedder: localEmbedder,
      };
      await expect(embedTrades(d, null, never)).rejects.toBeInstanceOf(PermanentJobError);
      expect(await store.width('trades')).toBe(768);
    } finally {
      await other.close();
    }
  });

  it('default/verify-cloud records the cloud counts and the points per collection', async () => {
    const { store, deps: d } = deps();
    await embedTrades(d, null, never);
    const processor = verifyCloudProcessor({ cloud: d.cloud, qdrant: d.qdrant });
    const counts = await processor.run({} as never);
    const live = (await a.call('trades.list', { limit: 500 })).items.length;
    expect(counts.tables.trades).toMatchObject({ live });
    expect(counts.tables.trades!.hash).toBe((await a.cloud.digest()).trades!.hash);
    expect(counts.vectors).toMatchObject({ trades: await store.count('trades') });
  });
});
