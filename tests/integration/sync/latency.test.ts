import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudDb } from '../../../sync/postgres';
import { testPostgres, testRedis, type TestDatabase, type TestRedis } from '../../support/cloud-services';
import { startFaultProxy } from '../../support/fault-proxy';
import { device, journalImage } from '../../support/sync-devices';
import { tempCore } from '../../support/temp-core';

// Sync through a slow network: every chunk held 20–50 ms each way, connections whose start
// stalls past the connect timeout, and a link that goes silent mid-sync.

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

type Tmp = ReturnType<typeof tempCore>;
const upToDate = async (t: Tmp) => {
  const s = await t.call('sync.status', {});
  return s.state === 'up-to-date' && s.pending === 0;
};

describe('sync through a delaying proxy (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let admin: CloudDb;
  /** Rows of `table` in a workspace, read past the proxy and row-level security (superuser). */
  const cloudCount = async (table: string, workspace: string, where = 'true', params: unknown[] = []) =>
    Number(
      (
        await admin.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM tpj.${table} WHERE workspace_id = $1 AND ${where}`,
          [workspace, ...params],
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    db = await testPostgres();
    redis = await testRedis();
    // The schema directly: its one-time DDL is not what these tests are about.
    admin = await CloudDb.open({ url: db.url, workspaceId: 'admin' });
    await admin.migrate();
  });
  afterAll(async () => {
    await admin.close();
    await redis.cleanup();
    await db.drop();
  });

  it('two devices converge through 20–50 ms per chunk each way: pushes, pages, ticks; nothing doubles', async () => {
    const proxy = await startFaultProxy(db.url);
    proxy.delay(20, 30);
    const url = proxy.url(db.url);
    // Small batches and pages, so many round trips cross the slow link.
    const a = await device(url, 'slow', { batchSize: 25, pageSize: 60, tickChunks: 8 });
    const b = await device(url, 'slow', { batchSize: 25, pageSize: 60 });
    try {
      const started = performance.now();
      await a.cloud.pool.query('SELECT 1');
      // A lower bound only (load can make it slower, never faster): the delay is really there.
      expect(performance.now() - started).toBeGreaterThanOrEqual(40);

      await a.call('demo.load', { trades: 8, seed: 11 });
      await a.sync();
      await b.sync();
      const trades = (await b.call('trades.list', { limit: 5 })).items;
      expect(trades.length).toBeGreaterThan(0);
      for (const t of trades) await b.call('trades.update', { id: t.id, patch: { rating: 4 } });
      const fromB = await b.call('journal.create', { kind: 'day', day: '2025-02-03', body: 'written on B' });
      await a.call('journal.create', { kind: 'day', day: '2025-02-04', body: 'written on A' });
      // Both at once through the slow link: the workspace lock orders them.
      await Promise.all([a.sync(), b.sync()]);
      await a.sync();
      await a.call('journal.delete', { id: fromB.id });
      await a.sync();
      await b.sync();
      await a.sync();

      expect(a.engine.local.pending()).toBe(0);
      expect(b.engine.local.pending()).toBe(0);
      const image = journalImage(a);
      expect(journalImage(b)).toEqual(image);
      const deleted = b.core.store.db.prepare(`SELECT deleted_hlc FROM journal_entries WHERE id = ?`).pluck();
      expect(deleted.get(fromB.id)).not.toBeNull();
      // Nothing doubled: the cloud holds exactly the rows each device holds, ticks included.
      const digest = await a.cloud.digest();
      for (const [table, rows] of Object.entries(image)) expect(digest[table]?.rows, table).toBe(rows.length);
      const localTicks = a.core.store.db.prepare(`SELECT count(*) FROM ticks`).pluck().get() as number;
      expect(localTicks).toBeGreaterThan(0);
      expect(await cloudCount('tick_data', 'slow')).toBe(localTicks);
      expect(b.core.store.db.prepare(`SELECT count(*) FROM ticks`).pluck().get()).toBe(localTicks);
    } finally {
      await a.close();
      await b.close();
      await proxy.close();
    }
  }, 60_000);

  it('connections that stall past the connect timeout show offline, back off, and sync by themselves after', async () => {
    const proxy = await startFaultProxy(db.url);
    // The next two connections hang for 1.5 s: longer than the 400 ms connect timeout.
    proxy.stallNew(1_500, 2);
    const config = { databaseUrl: proxy.url(db.url), workspaceId: 'stall' };
    const service = { intervalMs: 600_000, debounceMs: 50, backoffMs: 100, maxBackoffMs: 400, connectTimeoutMs: 400 };
    const t = tempCore({ sync: { config, run: true, service } });
    const seen: { state: string; message: string | null }[] = [];
    const off = t.core.events.on('status', (s) => seen.push({ state: s.sync.state, message: s.sync.message }));
    try {
      await t.call('accounts.create', { name: 'Through the stall', currency: 'USD' });
      await until('up to date after the stalls', () => upToDate(t));
      expect(seen.some((s) => s.state === 'offline' && /timeout/i.test(s.message ?? ''))).toBe(true);
      expect(proxy.stats().connectionsOpened).toBeGreaterThanOrEqual(3);
      expect(await cloudCount('accounts', 'stall', `name = $2`, ['Through the stall'])).toBe(1);
    } finally {
      off();
      t.dispose();
      await proxy.close();
    }
  }, 30_000);

  it('a link that goes silent mid-sync times out instead of hanging, and the retry pushes once', async () => {
    const proxy = await startFaultProxy(db.url);
    const config = { databaseUrl: proxy.url(db.url), workspaceId: 'silent' };
    const service = {
      intervalMs: 600_000,
      debounceMs: 50,
      backoffMs: 100,
      maxBackoffMs: 400,
      connectTimeoutMs: 400,
      queryTimeoutMs: 800,
    };
    const t = tempCore({ sync: { config, run: true, service } });
    try {
      await until('first sync', () => upToDate(t));
      // Open connections stay, but no byte moves either way: without a client-side timeout
      // the sync would wait for an answer forever.
      proxy.blackhole();
      await t.call('accounts.create', { name: 'Written while silent', currency: 'USD' });
      await until('offline on the timeout', async () => (await t.call('sync.status', {})).state === 'offline');
      expect((await t.call('sync.status', {})).message).toMatch(/timeout/i);
      proxy.pass();
      await until('pushed once the link answers', () => upToDate(t));
      expect(await cloudCount('accounts', 'silent', `name = $2`, ['Written while silent'])).toBe(1);
      expect(await cloudCount('mutations', 'silent')).toBe(1);
    } finally {
      t.dispose();
      await proxy.close();
    }
  }, 30_000);

  it('the Redis nudge crosses a delayed Redis and the devices pull through a delayed database', async () => {
    const pgProxy = await startFaultProxy(db.url);
    const redisProxy = await startFaultProxy(redis.url);
    pgProxy.delay(20, 30);
    redisProxy.delay(20, 30);
    const config = {
      databaseUrl: pgProxy.url(db.url),
      workspaceId: 'slow-nudge',
      redisUrl: redisProxy.url(redis.url),
      redisPrefix: redis.prefix,
    };
    // Only the debounce after a write and the nudge can move data in this test.
    const service = { intervalMs: 600_000, debounceMs: 50 };
    const a = tempCore({ sync: { config, run: true, service } });
    const b = tempCore({ sync: { config, run: true, service } });
    try {
      await until('both up to date', async () => (await upToDate(a)) && (await upToDate(b)));
      await a.call('accounts.create', { name: 'Slow nudge A', currency: 'USD' });
      await until('B to pull A’s account', async () =>
        (await b.call('accounts.list', {})).some((x) => x.name === 'Slow nudge A'),
      );
      await b.call('accounts.create', { name: 'Slow nudge B', currency: 'EUR' });
      await until('A to pull B’s account', async () =>
        (await a.call('accounts.list', {})).some((x) => x.name === 'Slow nudge B'),
      );
      await until('both up to date again', async () => (await upToDate(a)) && (await upToDate(b)));
      for (const t of [a, b]) {
        const names = (await t.call('accounts.list', {})).map((x) => x.name).sort();
        expect(names).toEqual(['Slow nudge A', 'Slow nudge B']);
      }
      expect(await cloudCount('accounts', 'slow-nudge')).toBe(2);
      expect(redisProxy.stats().bytesToClient).toBeGreaterThan(0);
    } finally {
      a.dispose();
      b.dispose();
      await pgProxy.close();
      await redisProxy.close();
    }
  }, 30_000);
});
