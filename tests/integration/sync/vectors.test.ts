import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQdrantDouble, type QdrantDouble } from '../../support/qdrant-double';
import { device, freshCloudDatabase, type Device } from '../../support/sync-devices';
import { QdrantStore } from '../../../sync/qdrant';
import { vectorCoverage } from '../../../sync/verify';

describe('embedding vectors mirrored through Qdrant', () => {
  let cloud: { url: string; drop: () => Promise<void> };
  let qdrant: QdrantDouble;
  const open: Device[] = [];
  beforeAll(async () => {
    cloud = await freshCloudDatabase();
    qdrant = await startQdrantDouble();
  });
  afterAll(async () => {
    for (const d of open.splice(0)) await d.close();
    await qdrant.close();
    await cloud.drop();
  });

  const withVectors = async (workspace: string): Promise<Device> => {
    const holder: { device?: Device } = {};
    const store = new QdrantStore({ url: qdrant.url, workspaceId: workspace });
    const d = await device(cloud.url, workspace, {
      vectors: { cache: () => holder.device!.core.embeddings.cache(), qdrant: () => Promise.resolve(store) },
    });
    holder.device = d;
    open.push(d);
    return d;
  };

  it('pushes changed vectors, lets a new device pull them instead of embedding again, and deletes with the row', async () => {
    const a = await withVectors('vec');
    await a.call('demo.load', { trades: 25, seed: 12 });
    await a.core.embeddings.embedAll();
    const first = await a.sync();
    expect(first.vectorError).toBeNull();
    expect(first.vectors?.space).toMatchObject({ provider: 'local' });
    const store = new QdrantStore({ url: qdrant.url, workspaceId: 'vec' });
    const trades = (await a.call('trades.list', { limit: 100 })).items;
    expect(await store.count('trades')).toBe(trades.length);
    expect(first.vectors!.upserted).toBeGreaterThanOrEqual(trades.length);
    const coverage = await vectorCoverage(a.core.store, store);
    expect(coverage.find((c) => c.collection === 'trades')).toMatchObject({
      points: trades.length,
      rows: trades.length,
    });
    // Nothing changed: nothing is sent again.
    expect((await a.sync()).vectors).toMatchObject({ upserted: 0, deleted: 0 });

    const b = await withVectors('vec');
    const pulled = await b.sync();
    expect(pulled.vectors!.pulled).toBe(first.vectors!.upserted);
    // B's cache holds A's vectors by content hash: the same content needs no embedding there.
    const space = first.vectors!.space!;
    const hashes = await (await a.core.embeddings.cache()).mappedHashes('trades', space);
    const onB = await (await b.core.embeddings.cache()).getVectors(space, [...hashes.values()]);
    expect(onB.size).toBe(new Set(hashes.values()).size);

    await a.call('trades.delete', { id: trades[0]!.id });
    await a.core.embeddings.embedAll();
    const after = await a.sync();
    expect(after.vectors!.deleted).toBeGreaterThanOrEqual(1);
    expect(await store.count('trades')).toBe(trades.length - 1);
    expect(qdrant.validationFailures).toEqual([]);
  }, 120_000);

  it('a Qdrant outage does not fail the sync: rows still sync and the reason is reported', async () => {
    const a = await withVectors('vec-down');
    await a.call('accounts.create', { name: 'Main', currency: 'USD' });
    await a.call('playbooks.create', { name: 'Opening range', rules: [{ id: 'r1', text: 'wait 5 minutes' }] });
    await a.core.embeddings.embedAll();
    qdrant.faults.set({ mode: 'error500' });
    try {
      const report = await a.sync();
      expect(report.pushedRecords).toBeGreaterThan(0);
      expect(a.engine.local.pending()).toBe(0);
      expect(report.vectorError).toMatch(/Qdrant/);
    } finally {
      qdrant.faults.clear();
    }
    expect((await a.sync()).vectorError).toBeNull();
  }, 60_000);
});
