import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, freshCloudDatabase, journalImage, type Device } from '../../support/sync-devices';
import { SyncEngine, type SyncEngineOptions } from '../../../sync/engine';
import { openConflicts } from '../../../sync/text-merge';

/** Two devices of one workspace with a trade and a day entry both already hold. */
async function pair(
  url: string,
  workspace: string,
  options: Partial<SyncEngineOptions> = {},
): Promise<{ a: Device; b: Device; tradeId: string; entryId: string }> {
  const a = await device(url, workspace, options);
  const b = await device(url, workspace, options);
  const account = await a.call('accounts.create', { name: 'Main', currency: 'USD' });
  await a.call('executions.add', {
    accountId: account.id,
    executions: [
      {
        symbol: 'NQZ5',
        assetClass: 'future',
        side: 'buy',
        quantity: '1',
        price: '21000',
        executedAt: 1_760_000_000_000,
      },
      {
        symbol: 'NQZ5',
        assetClass: 'future',
        side: 'sell',
        quantity: '1',
        price: '21010',
        executedAt: 1_760_000_300_000,
      },
    ],
  });
  const tradeId = (await a.call('trades.list', { limit: 1 })).items[0]!.id;
  await a.call('trades.update', {
    id: tradeId,
    patch: { notes: 'Plan: fade the open\nResult: scratch\nLesson: none' },
  });
  const entry = await a.call('journal.create', {
    kind: 'day',
    day: '2025-10-09',
    body: 'Slept badly\nTraded small\nStopped at noon',
    preMarket: 'CPI at 8:30',
  });
  await a.sync();
  await b.sync();
  return { a, b, tradeId, entryId: entry.id };
}

async function settle(...devices: Device[]): Promise<void> {
  for (let i = 0; i < 3; i++) for (const d of devices) await d.sync();
}

// Every push either goes in batches or (a first sync of a large journal) in one bulk COPY.
const modes: [string, Partial<SyncEngineOptions>][] = [
  ['batch', {}],
  ['bulk', { bulkMinRecords: 1 }],
];

describe.each(modes)('journal text: merged, never silently dropped (%s push)', (mode, options) => {
  let cloud: { url: string; drop: () => Promise<void> };
  const open: Device[] = [];
  beforeAll(async () => {
    cloud = await freshCloudDatabase();
  });
  afterAll(async () => {
    for (const d of open.splice(0)) await d.close();
    await cloud.drop();
  });

  it('merges edits to different lines of the same note made on two devices before they synced', async () => {
    const { a, b, tradeId, entryId } = await pair(cloud.url, `merge-lines-${mode}`, options);
    open.push(a, b);
    await b.call('journal.update', {
      id: entryId,
      patch: { body: 'Slept badly\nTraded small\nStopped at noon, flat' },
    });
    await a.call('journal.update', { id: entryId, patch: { body: 'Slept 5 hours\nTraded small\nStopped at noon' } });
    await b.call('trades.update', {
      id: tradeId,
      patch: { notes: 'Plan: fade the open\nResult: scratch\nLesson: wait for 10:00' },
    });
    await a.call('trades.update', {
      id: tradeId,
      patch: { notes: 'Plan: fade the open (gap up)\nResult: scratch\nLesson: none' },
    });
    await b.sync();
    await a.sync();
    await settle(a, b);
    for (const d of [a, b]) {
      expect((await d.call('journal.get', { id: entryId })).body).toBe(
        'Slept 5 hours\nTraded small\nStopped at noon, flat',
      );
      expect((await d.call('trades.get', { id: tradeId })).notes).toBe(
        'Plan: fade the open (gap up)\nResult: scratch\nLesson: wait for 10:00',
      );
      expect(openConflicts(d.core.store.db)).toBe(0);
    }
    expect(journalImage(a)).toEqual(journalImage(b));
  });

  it('keeps a visible conflict copy when both devices rewrote the same line', async () => {
    const { a, b, entryId } = await pair(cloud.url, `merge-conflict-${mode}`, options);
    open.push(a, b);
    await b.call('journal.update', { id: entryId, patch: { body: 'Slept badly\nTraded big\nStopped at noon' } });
    await a.call('journal.update', { id: entryId, patch: { body: 'Slept badly\nTraded tiny\nStopped at noon' } });
    await b.sync();
    await a.sync();
    await settle(a, b);
    expect(journalImage(a)).toEqual(journalImage(b));
    const entries = await b.call('journal.list', {});
    const kept = entries.find((e) => e.id === entryId)!;
    expect(kept.body).toBe('Slept badly\nTraded big\nStopped at noon'); // the version the cloud had first
    const copy = entries.find((e) => e.title.startsWith('Conflict copy'))!;
    expect(copy.body).toContain('Slept badly\nTraded tiny\nStopped at noon');
    expect(copy.day).toBe('2025-10-09');
    expect(openConflicts(b.core.store.db)).toBe(1);
  });

  it('keeps both devices’ changes to different fields of one trade, whichever pushes last', async () => {
    const { a, b, tradeId } = await pair(cloud.url, `merge-fields-${mode}`, options);
    open.push(a, b);
    // A edits first (older clock) but pushes last: a whole-row last-writer-wins would drop its stop.
    await a.call('trades.update', { id: tradeId, patch: { stopPrice: '20990' } });
    await b.call('trades.update', { id: tradeId, patch: { rating: 4 } });
    await b.sync();
    await a.sync();
    await settle(a, b);
    for (const d of [a, b]) {
      const t = await d.call('trades.get', { id: tradeId });
      expect(t.stopPrice).toBe('20990');
      expect(t.rating).toBe(4);
    }
    expect(journalImage(a)).toEqual(journalImage(b));
  });

  it('lets the later writer decide a field both devices changed', async () => {
    const { a, b, tradeId } = await pair(cloud.url, `merge-same-field-${mode}`, options);
    open.push(a, b);
    await a.call('trades.update', { id: tradeId, patch: { rating: 2 } });
    await b.call('trades.update', { id: tradeId, patch: { rating: 5 } }); // later
    await b.sync();
    await a.sync();
    await settle(a, b);
    for (const d of [a, b]) expect((await d.call('trades.get', { id: tradeId })).rating).toBe(5);
  });
});

describe('a journal restored from a backup re-syncs instead of fighting', () => {
  let cloud: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    cloud = await freshCloudDatabase();
  });
  afterAll(async () => {
    await cloud.drop();
  });

  it('offers every row once, takes what other devices changed since the backup, and makes no conflict copies', async () => {
    const { a, b, entryId } = await pair(cloud.url, 'restored');
    try {
      const backup = await a.call('backups.create', { folder: a.dataDir });
      await b.call('journal.update', {
        id: entryId,
        patch: { body: 'Slept badly\nTraded small\nStopped at noon\nAdded later on B' },
      });
      await b.sync();
      await a.sync();
      const before = a.core.store.deviceId;
      await a.call('backups.restore', { file: backup.file });
      expect(a.core.store.deviceId).not.toBe(before); // a new device to the cloud
      // The core reopened the journal: sync the new store.
      const engine = new SyncEngine({ store: a.core.store, cloud: a.cloud });
      const report = await engine.syncOnce();
      expect(report.pushedRows).toBeGreaterThan(0);
      await engine.syncOnce();
      await b.sync();
      expect((await a.call('journal.get', { id: entryId })).body).toContain('Added later on B');
      expect(openConflicts(a.core.store.db)).toBe(0);
      expect(journalImage(a)).toEqual(journalImage(b));
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
