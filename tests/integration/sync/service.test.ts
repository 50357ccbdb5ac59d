import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPostgres, testRedis, type TestDatabase, type TestRedis } from '../../support/cloud-services';
import { startFaultProxy } from '../../support/fault-proxy';
import { writeMarchTicks } from '../../support/sync-devices';
import { tempCore } from '../../support/temp-core';

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('automatic sync through the core', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  beforeAll(async () => {
    db = await testPostgres();
    redis = await testRedis();
  });
  afterAll(async () => {
    await redis.cleanup();
    await db.drop();
  });

  it('pushes a change by itself and the Redis nudge makes the other device pull it at once', async () => {
    const config = { databaseUrl: db.url, workspaceId: 'auto', redisUrl: redis.url, redisPrefix: redis.prefix };
    // Long timers: only the debounce after a write and the nudge can move data in this test.
    const service = { intervalMs: 600_000, debounceMs: 50 };
    const a = tempCore({ sync: { config, run: true, service } });
    const b = tempCore({ sync: { config, run: true, service } });
    try {
      const statusOf = async (t: typeof a) => await t.call('sync.status', {});
      await until(
        'both devices up to date',
        async () => (await statusOf(a)).state === 'up-to-date' && (await statusOf(b)).state === 'up-to-date',
      );
      await a.call('accounts.create', { name: 'Nudged', currency: 'USD' });
      await until('device B to see the account', async () =>
        (await b.call('accounts.list', {})).some((x) => x.name === 'Nudged'),
      );
      expect((await statusOf(a)).pending).toBe(0);
      // The account shows as soon as its page is applied; the status follows when B's sync ends.
      await until('device B up to date', async () => (await b.call('app.status', {})).sync.state === 'up-to-date');
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('says offline when the database cannot be reached, keeps working locally, and syncs by itself once it is back', async () => {
    const proxy = await startFaultProxy(db.url);
    await proxy.refuse();
    const config = { databaseUrl: proxy.url(db.url), workspaceId: 'offline' };
    const t = tempCore({
      sync: { config, run: true, service: { intervalMs: 600_000, debounceMs: 50, backoffMs: 100, maxBackoffMs: 200 } },
    });
    try {
      await until('offline state', async () => (await t.call('sync.status', {})).state === 'offline');
      const offline = await t.call('sync.status', {});
      expect(offline.message).toMatch(/cannot be reached/);
      await t.call('accounts.create', { name: 'Written offline', currency: 'USD' });
      expect((await t.call('sync.status', {})).pending).toBeGreaterThan(0);
      await proxy.accept();
      await until('sync after reconnect', async () => {
        const s = await t.call('sync.status', {});
        return s.state === 'up-to-date' && s.pending === 0;
      });
    } finally {
      t.dispose();
      await proxy.close();
    }
  });

  it('keeps syncing on its own when Redis is down: the nudge is an accelerator, not a dependency', async () => {
    const proxy = await startFaultProxy(redis.url);
    await proxy.refuse();
    const config = {
      databaseUrl: db.url,
      workspaceId: 'no-redis',
      redisUrl: proxy.url(redis.url),
      redisPrefix: redis.prefix,
    };
    const t = tempCore({ sync: { config, run: true, service: { intervalMs: 600_000, debounceMs: 50 } } });
    try {
      await until('up to date without Redis', async () => (await t.call('sync.status', {})).state === 'up-to-date');
      await t.call('accounts.create', { name: 'Pushed anyway', currency: 'USD' });
      await until('pushed without Redis', async () => {
        const s = await t.call('sync.status', {});
        return s.state === 'up-to-date' && s.pending === 0;
      });
    } finally {
      t.dispose();
      await proxy.close();
    }
  });

  it('says "conflicts" while a conflict copy waits in the journal, and "up to date" once the trader deleted it', async () => {
    const config = { databaseUrl: db.url, workspaceId: 'conflicts' };
    const a = tempCore({ sync: { config } });
    const b = tempCore({ sync: { config } });
    try {
      const entry = await a.call('journal.create', { kind: 'day', day: '2025-01-06', body: 'one\ntwo\nthree' });
      await a.call('sync.now', {});
      await b.call('sync.now', {});
      await b.call('journal.update', { id: entry.id, patch: { body: 'one\nTWO on B\nthree' } });
      await a.call('journal.update', { id: entry.id, patch: { body: 'one\nTWO on A\nthree' } });
      await b.call('sync.now', {});
      await a.call('sync.now', {});
      const status = await a.call('sync.status', {});
      expect(status).toMatchObject({ state: 'conflicts', conflicts: 1 });
      expect((await a.call('app.status', {})).sync.state).toBe('conflicts');
      const copy = (await a.call('journal.list', {})).find((e) => e.title.startsWith('Conflict copy'))!;
      expect(copy.body).toContain('TWO on A');
      await a.call('journal.delete', { id: copy.id });
      await a.call('sync.now', {});
      expect(await a.call('sync.status', {})).toMatchObject({ state: 'up-to-date', conflicts: 0 });
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('tells open charts on a device that a sync pulled ticks, and stays quiet when it pulled none', async () => {
    const config = { databaseUrl: db.url, workspaceId: 'ticks-event' };
    const a = tempCore({ sync: { config } });
    const b = tempCore({ sync: { config } });
    try {
      const csv =
        'Symbol,Timestamp,Price,Size\nNQZ5,2025-03-03 14:30:00,20000.25,1\nNQZ5,2025-03-03 14:30:02,20001.5,2\n';
      await a.call('ticks.import', { fileName: 'nq.csv', dataBase64: Buffer.from(csv).toString('base64') });
      await a.call('sync.now', {});
      const heard: (string[] | null)[] = [];
      const off = b.core.events.on('ticks.changed', (p) => heard.push(p.symbols));
      await b.call('sync.now', {});
      expect(heard).toEqual([null]);
      await b.call('sync.now', {});
      expect(heard).toEqual([null]);
      off();
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('uploads day chunks of thousands of ticks that the cloud echoes exactly', async () => {
    const t = tempCore({ sync: { config: { databaseUrl: db.url, workspaceId: 'tick-blocks' } } });
    try {
      const insert = t.core.store.db.prepare(`INSERT INTO ticks (symbol, ts, seq, price, size) VALUES (?, ?, 0, ?, ?)`);
      // Days of a few thousand ticks and one of a few.
      const days = { '2025-03-03': 8_192, '2025-03-04': 4_103, '2025-03-05': 9 };
      t.core.store.db.transaction(() => {
        for (const [day, count] of Object.entries(days)) {
          const start = Date.parse(`${day}T14:30:00Z`) * 1000;
          for (let i = 0; i < count; i++) insert.run('ESZ5', start + i * 1000, 5800 + (i % 37) / 4, 1 + (i % 5) / 10);
        }
      })();
      const report = await t.call('sync.now', {});
      expect(report.tickRows).toBe(8_192 + 4_103 + 9);
      // The recorded hash is the one the cloud echoed: over each row's numbers as PostgreSQL's
      // int8send/float8send bytes, in (ts, seq) order.
      for (const day of Object.keys(days)) {
        const start = Date.parse(`${day}T00:00:00Z`) * 1000;
        const rows = t.core.store.db
          .prepare(`SELECT ts, seq, price, size FROM ticks WHERE ts >= ? AND ts < ? ORDER BY ts, seq`)
          .all(start, start + 86_400_000_000) as { ts: number; seq: number; price: number; size: number }[];
        const bytes = Buffer.alloc(rows.length * 32);
        rows.forEach((r, i) => {
          bytes.writeBigInt64BE(BigInt(r.ts), i * 32);
          bytes.writeBigInt64BE(BigInt(r.seq), i * 32 + 8);
          bytes.writeDoubleBE(r.price, i * 32 + 16);
          bytes.writeDoubleBE(r.size, i * 32 + 24);
        });
        const recorded = t.core.store.db.prepare(`SELECT sha256 FROM tick_chunks WHERE day = ?`).pluck().get(day);
        expect(recorded).toBe(createHash('sha256').update(bytes).digest('hex'));
      }
    } finally {
      t.dispose();
    }
  });

  it('uploads a day the cloud holds more of than this device, checking just the rows it sent', async () => {
    const config = { databaseUrl: db.url, workspaceId: 'tick-wider' };
    const a = tempCore({ sync: { config } });
    const b = tempCore({ sync: { config } });
    const cloud = new pg.Client({ connectionString: db.url });
    await cloud.connect();
    try {
      writeMarchTicks(a, 10, 3);
      expect((await a.call('sync.now', {})).tickRows).toBe(30);
      // B holds two of A's three ticks of each day: each day's key range echoes 3 rows, the
      // rows B sent 2. Ten days: the check spans more than one COPY round of an upload.
      writeMarchTicks(b, 10, 2);
      expect((await b.call('sync.now', {})).tickRows).toBe(20);
      expect(b.core.store.db.prepare(`SELECT count(*) FROM tick_chunks WHERE uploaded_at IS NULL`).pluck().get()).toBe(
        0,
      );
      const stored = await cloud.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tpj.tick_data WHERE workspace_id = 'tick-wider'`,
      );
      expect(stored.rows[0]!.n).toBe(30);
    } finally {
      await cloud.end();
      a.dispose();
      b.dispose();
    }
  });

  it('uploads again days whose ticks the cloud holds without chunk records (records deleted by hand)', async () => {
    const t = tempCore({ sync: { config: { databaseUrl: db.url, workspaceId: 'tick-unrecorded' } } });
    const cloud = new pg.Client({ connectionString: db.url });
    await cloud.connect();
    try {
      // Ten days: more than one COPY round of an upload.
      writeMarchTicks(t, 10, 5);
      expect((await t.call('sync.now', {})).tickRows).toBe(50);
      await cloud.query(`DELETE FROM tpj.tick_chunks WHERE workspace_id = 'tick-unrecorded'`);
      t.core.store.db.exec(`UPDATE tick_chunks SET uploaded_at = NULL`);
      // A plain INSERT of the day would hit its own rows: the upload must still go through.
      expect((await t.call('sync.now', {})).tickRows).toBe(50);
      const stored = await cloud.query<{ rows: number; chunks: number }>(
        `SELECT (SELECT count(*)::int FROM tpj.tick_data WHERE workspace_id = 'tick-unrecorded') AS rows,
                (SELECT count(*)::int FROM tpj.tick_chunks WHERE workspace_id = 'tick-unrecorded') AS chunks`,
      );
      expect(stored.rows[0]).toEqual({ rows: 50, chunks: 10 });
    } finally {
      await cloud.end();
      t.dispose();
    }
  });

  it('uploads straight into the cloud a day it holds unrecorded ticks of, checking just the rows it sent', async () => {
    const config = { databaseUrl: db.url, workspaceId: 'tick-stray' };
    const a = tempCore({ sync: { config } });
    const b = tempCore({ sync: { config } });
    const cloud = new pg.Client({ connectionString: db.url });
    await cloud.connect();
    try {
      writeMarchTicks(a, 10, 3);
      expect((await a.call('sync.now', {})).tickRows).toBe(30);
      // The records go, the rows stay: B's days are new to the cloud (no record), so B's rows go
      // in by COPY without a clash (other times), and each day's range then holds 3 rows more
      // than B sent.
      await cloud.query(`DELETE FROM tpj.tick_chunks WHERE workspace_id = 'tick-stray'`);
      writeMarchTicks(b, 10, 2, 500);
      expect((await b.call('sync.now', {})).tickRows).toBe(20);
      expect(b.core.store.db.prepare(`SELECT count(*) FROM tick_chunks WHERE uploaded_at IS NULL`).pluck().get()).toBe(
        0,
      );
      const stored = await cloud.query<{ rows: number; chunks: number }>(
        `SELECT (SELECT count(*)::int FROM tpj.tick_data WHERE workspace_id = 'tick-stray') AS rows,
                (SELECT sum(count)::int FROM tpj.tick_chunks WHERE workspace_id = 'tick-stray') AS chunks`,
      );
      expect(stored.rows[0]).toEqual({ rows: 50, chunks: 20 });
    } finally {
      await cloud.end();
      a.dispose();
      b.dispose();
    }
  });

  it('compares ticks with the cloud in "verify": count per symbol and day, pending days, a day short in the cloud', async () => {
    const t = tempCore({ sync: { config: { databaseUrl: db.url, workspaceId: 'tick-verify' } } });
    const cloud = new pg.Client({ connectionString: db.url });
    await cloud.connect();
    try {
      const insert = t.core.store.db.prepare(
        `INSERT INTO ticks (symbol, ts, seq, price, size) VALUES (?, ?, 0, 5800, 1)`,
      );
      const write = (symbol: string, day: number, count: number) => {
        const start = Date.UTC(2025, 2, day, 14, 30) * 1000;
        for (let i = 0; i < count; i++) insert.run(symbol, start + i * 1000);
      };
      write('ESZ5', 3, 4);
      write('NQZ5', 3, 2);
      write('ESZ5', 4, 3);
      await t.call('sync.now', {});
      const ticks = async () => (await t.call('sync.verify', {})).tables.find((x) => x.table === 'ticks')!;
      expect(await ticks()).toMatchObject({ local: { rows: 9 }, cloud: { rows: 9 }, pending: 0, match: true });
      // A day written here and not uploaded yet: waiting, not failed.
      write('ESZ5', 5, 2);
      const waiting = await t.call('sync.verify', {});
      expect(waiting.tables.find((x) => x.table === 'ticks')).toMatchObject({ pending: 1, match: false });
      expect(waiting.ok).toBe(true);
      await t.call('sync.now', {});
      expect((await ticks()).match).toBe(true);
      // The cloud loses one tick of a day: the counts per day differ, and verify fails.
      await cloud.query(
        `DELETE FROM tpj.tick_data WHERE workspace_id = 'tick-verify' AND symbol = 'NQZ5' AND ts = $1`,
        [Date.UTC(2025, 2, 3, 14, 30) * 1000],
      );
      const short = await t.call('sync.verify', {});
      expect(short.tables.find((x) => x.table === 'ticks')).toMatchObject({
        local: { rows: 11 },
        cloud: { rows: 10 },
        pending: 0,
        match: false,
      });
      expect(short.ok).toBe(false);
      // One more tick on another day: the totals agree again, the days do not.
      await cloud.query(
        `INSERT INTO tpj.tick_data (workspace_id, symbol, ts, seq, price, size) VALUES ('tick-verify', 'NQZ5', $1, 0, 5800, 1)`,
        [Date.UTC(2025, 2, 4, 14, 30) * 1000],
      );
      const moved = await t.call('sync.verify', {});
      expect(moved.tables.find((x) => x.table === 'ticks')).toMatchObject({
        local: { rows: 11 },
        cloud: { rows: 11 },
        match: false,
      });
      expect(moved.ok).toBe(false);
    } finally {
      await cloud.end();
      t.dispose();
    }
  });

  it('reports each service in "Test connection", and refuses sync.now without a cloud', async () => {
    const t = tempCore({ sync: { config: { databaseUrl: db.url, workspaceId: 'x', redisUrl: redis.url } } });
    const none = tempCore({ sync: { config: null } });
    try {
      const checks = await t.call('sync.test', {});
      const pg = checks.find((c) => c.service === 'postgres')!;
      expect(pg).toMatchObject({ ok: true, timescale: false });
      expect(pg.version).toMatch(/^PostgreSQL \d+/);
      expect(checks.find((c) => c.service === 'redis')).toMatchObject({ ok: true });
      expect(checks.find((c) => c.service === 'qdrant')).toMatchObject({ configured: false });
      const result = await none.core.invoke('sync.now', {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/TIMESCALE_DATABASE_URL/);
      expect((await none.call('sync.status', {})).state).toBe('not-configured');
    } finally {
      t.dispose();
      none.dispose();
    }
  });
});
