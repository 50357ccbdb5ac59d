import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, freshCloudDatabase, journalImage, type Device } from '../../support/sync-devices';

describe('two devices, one workspace', () => {
  let cloud: { url: string; drop: () => Promise<void> };
  const open: Device[] = [];
  beforeAll(async () => {
    cloud = await freshCloudDatabase();
  });
  afterAll(async () => {
    for (const d of open.splice(0)) await d.close();
    await cloud.drop();
  });

  it('converge on the same journal after edits on both sides', async () => {
    const a = await device(cloud.url, 'ws-1');
    const b = await device(cloud.url, 'ws-1');
    open.push(a, b);
    const account = await a.call('accounts.create', { name: 'Main', currency: 'USD' });
    await a.call('executions.add', {
      accountId: account.id,
      executions: [
        {
          symbol: 'AAPL',
          assetClass: 'stock',
          side: 'buy',
          quantity: '10',
          price: '100',
          executedAt: 1_700_000_000_000,
        },
        {
          symbol: 'AAPL',
          assetClass: 'stock',
          side: 'sell',
          quantity: '10',
          price: '105',
          executedAt: 1_700_000_600_000,
        },
      ],
    });
    const trades = await a.call('trades.list', { limit: 10 });
    await a.call('trades.update', { id: trades.items[0]!.id, patch: { notes: 'waited for the open' } });
    const ra = await a.sync();
    expect(ra.pushedRecords).toBeGreaterThan(0);
    expect(a.engine.local.pending()).toBe(0);
    const rb = await b.sync();
    expect(rb.appliedRows).toBeGreaterThan(0);
    expect(journalImage(b)).toEqual(journalImage(a));
    // B edits, A deletes something else; both converge again.
    await b.call('trades.update', { id: trades.items[0]!.id, patch: { stopPrice: '98', rulesKept: ['r1', 'r3'] } });
    await b.call('journal.create', { kind: 'day', day: '2023-11-14', body: 'calm day' });
    await b.sync();
    await a.sync();
    await b.sync();
    expect(journalImage(a)).toEqual(journalImage(b));
    const detail = await a.call('trades.get', { id: trades.items[0]!.id });
    expect(detail.notes).toBe('waited for the open');
    expect(detail.stopPrice).toBe('98');
    expect(detail.rulesKept).toEqual(['r1', 'r3']);
  });

  it('adds the kept-rules column to a cloud made before it (cloud schema 2), and syncs it from then on', async () => {
    const a = await device(cloud.url, 'ws-old-cloud');
    open.push(a);
    await a.sync();
    // The cloud as schema 2 left it: no rules_kept column, no record of migration 3.
    const admin = new pg.Client({ connectionString: cloud.url });
    await admin.connect();
    try {
      await admin.query(`ALTER TABLE tpj.trades DROP COLUMN rules_kept`);
      await admin.query(`DELETE FROM tpj.schema_migrations WHERE version = 3`);
      const b = await device(cloud.url, 'ws-old-cloud');
      open.push(b);
      const account = await b.call('accounts.create', { name: 'Main', currency: 'USD' });
      await b.call('executions.add', {
        accountId: account.id,
        executions: [
          {
            symbol: 'MSFT',
            assetClass: 'stock',
            side: 'buy',
            quantity: '5',
            price: '400',
            executedAt: 1_700_000_000_000,
          },
          {
            symbol: 'MSFT',
            assetClass: 'stock',
            side: 'sell',
            quantity: '5',
            price: '401',
            executedAt: 1_700_000_060_000,
          },
        ],
      });
      const [trade] = (await b.call('trades.list', { limit: 1 })).items;
      await b.call('trades.update', { id: trade!.id, patch: { rulesKept: ['wait-for-range'] } });
      await b.sync();
      const column = await admin.query(
        `SELECT 1 FROM information_schema.columns WHERE table_schema = 'tpj' AND table_name = 'trades' AND column_name = 'rules_kept'`,
      );
      expect(column.rowCount).toBe(1);
      await a.sync();
      expect((await a.call('trades.get', { id: trade!.id })).rulesKept).toEqual(['wait-for-range']);
    } finally {
      await admin.end();
    }
  });

  it('merges a broker file imported on both devices, even when one device had already deleted a trade of it', async () => {
    const a = await device(cloud.url, 'same-file');
    const b = await device(cloud.url, 'same-file');
    open.push(a, b);
    const account = await a.call('accounts.create', { name: 'Main', currency: 'USD' });
    await a.sync();
    await b.sync();
    // The same file on each device before they synced: same dedupe keys, different ids.
    const file = {
      fileName: 'tradezero.csv',
      dataBase64: readFileSync(new URL('../../fixtures/brokers/tradezero.csv', import.meta.url)).toString('base64'),
    };
    for (const d of [a, b]) {
      const preview = await d.call('import.preview', { files: [file], accountId: account.id });
      await d.call('import.commit', { importId: preview.importId });
    }
    const fills = a.core.store.db.prepare(`SELECT count(*) FROM executions`).pluck().get() as number;
    // The device whose ids lose has deleted a trade: its fills are tombstones when the winners arrive.
    const firstId = (d: Device) => d.core.store.db.prepare(`SELECT min(id) FROM executions`).pluck().get() as string;
    const loser = firstId(a) > firstId(b) ? a : b;
    const trades = (await loser.call('trades.list', { limit: 100 })).items;
    await loser.call('trades.delete', { id: trades[0]!.id });
    for (let round = 0; round < 3; round++) for (const d of [a, b]) await d.sync();
    expect(journalImage(a)).toEqual(journalImage(b));
    expect(a.engine.local.pending()).toBe(0);
    const kept = a.core.store.db
      .prepare(`SELECT count(*) FROM executions WHERE dedupe_key NOT LIKE '%#dup:%'`)
      .pluck()
      .get();
    expect(kept).toBe(fills); // one copy of each fill under its own key; the other copies are renamed tombstones
    // The trade deleted on one device stays deleted: the delete carried over to the fills that won.
    for (const d of [a, b]) expect((await d.call('trades.list', { limit: 100 })).items).toHaveLength(trades.length - 1);
  });
});
