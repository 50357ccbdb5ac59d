import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testPostgres, type TestDatabase } from './cloud-services';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

// The fault proxy between a real pg client and the run's PostgreSQL.

let db: TestDatabase;
let proxy: FaultProxy;
const clients: pg.Client[] = [];

beforeAll(async () => {
  db = await testPostgres();
  await withClient(db.url, (c) => c.query('CREATE TABLE ticks (id int PRIMARY KEY, price text NOT NULL)'));
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
  await proxy?.close();
});
afterAll(async () => {
  await db?.drop();
});

/** A connected client through `url`; errors from a cut are expected, so they are kept, not thrown. */
async function connectClient(url: string, options: pg.ClientConfig = {}): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, ...options });
  client.on('error', () => undefined);
  clients.push(client);
  await client.connect();
  return client;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const count = (sql: string, params: unknown[] = []) =>
  withClient(db.url, async (c) => (await c.query<{ n: number }>(sql, params)).rows[0]!.n);

const backendsOf = (applicationName: string) =>
  count('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);

const activeBackendsOf = (applicationName: string) =>
  count("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'", [
    applicationName,
  ]);

function tickRows(total: number): Readable {
  return Readable.from(
    (function* () {
      for (let start = 0; start < total; start += 1000) {
        let chunk = '';
        for (let id = start; id < Math.min(total, start + 1000); id++)
          chunk += `${id}\t${(100 + id / 1000).toFixed(3)}\n`;
        yield chunk;
      }
    })(),
  );
}

describe('fault proxy in front of PostgreSQL', () => {
  it('passes queries through and counts the bytes both ways', async () => {
    proxy = await startFaultProxy(db.url);
    const client = await connectClient(proxy.url(db.url));
    const { rows } = await client.query<{ sum: number }>('SELECT $1::int + $2::int AS sum', [40, 2]);
    expect(rows[0]!.sum).toBe(42);
    const stats = proxy.stats();
    expect(stats.connectionsOpened).toBe(1);
    expect(stats.openConnections).toBe(1);
    expect(stats.bytesToServer).toBeGreaterThan(0);
    expect(stats.bytesToClient).toBeGreaterThan(0);
  });

  it('rewrites only host and port of a URL', async () => {
    proxy = await startFaultProxy({ host: '127.0.0.1', port: 5432 });
    const url = new URL(proxy.url('postgres://me:pw@db.example.com:6543/journal?sslmode=disable'));
    expect([url.hostname, url.port, url.username, url.password, url.pathname, url.search]).toEqual([
      '127.0.0.1',
      String(proxy.port),
      'me',
      'pw',
      '/journal',
      '?sslmode=disable',
    ]);
  });

  it('a cut while a query runs fails that query, and the next connection works', async () => {
    proxy = await startFaultProxy(db.url);
    const client = await connectClient(proxy.url(db.url), { application_name: 'tpj-cut-query' });
    const running = client.query('SELECT pg_sleep(30)');
    await waitFor(async () => (await activeBackendsOf('tpj-cut-query')) > 0, 'the query to run on the server');
    proxy.cutAll();
    await expect(running).rejects.toThrow();
    expect(proxy.stats().connectionsCut).toBe(1);

    const next = await connectClient(proxy.url(db.url));
    expect((await next.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]!.ok).toBe(1);
  });

  it('cutAfterBytes toClient cuts a big result midway', async () => {
    proxy = await startFaultProxy(db.url);
    const client = await connectClient(proxy.url(db.url));
    const before = proxy.stats().bytesToClient;
    proxy.cutAfterBytes(50_000, 'toClient');
    await expect(client.query("SELECT repeat('x', 500000) AS big")).rejects.toThrow();
    expect(proxy.stats().bytesToClient - before).toBe(50_000);
    expect(proxy.stats().connectionsCut).toBe(1);
  });

  it('refuse makes connects fail with ECONNREFUSED; accept brings the same port back', async () => {
    proxy = await startFaultProxy(db.url);
    const port = proxy.port;
    const open = await connectClient(proxy.url(db.url));
    await proxy.refuse();
    await expect(connectClient(proxy.url(db.url))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // Connections made before the refusal keep working.
    expect((await open.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]!.ok).toBe(1);

    await proxy.accept();
    expect(proxy.port).toBe(port);
    const again = await connectClient(proxy.url(db.url));
    expect((await again.query<{ ok: number }>('SELECT 2 AS ok')).rows[0]!.ok).toBe(2);
  });

  it('delay slows a connection but everything still arrives, in order', async () => {
    proxy = await startFaultProxy(db.url);
    const slow = await connectClient(proxy.url(db.url));
    const direct = await connectClient(db.url);
    proxy.delay(500);
    const finished: string[] = [];
    const viaProxy = slow.query<{ n: number }>('SELECT generate_series(1, 2000) AS n').then((r) => {
      finished.push('proxy');
      return r.rows.map((row) => row.n);
    });
    await direct.query('SELECT 1').then(() => finished.push('direct'));
    const numbers = await viaProxy;
    expect(finished).toEqual(['direct', 'proxy']);
    expect(numbers).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    proxy.pass();
    expect((await slow.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]!.ok).toBe(1);
  });

  it('blackhole hangs new and open connections until pass', async () => {
    proxy = await startFaultProxy(db.url);
    const open = await connectClient(proxy.url(db.url));
    proxy.blackhole();
    await expect(connectClient(proxy.url(db.url), { connectionTimeoutMillis: 300 })).rejects.toThrow(/timeout/i);
    let settled = false;
    const pending = open.query<{ ok: number }>('SELECT 7 AS ok').finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).toBe(false);
    proxy.pass();
    expect((await pending).rows[0]!.ok).toBe(7);
  });

  it('a cut mid-COPY fails the copy and the server commits none of its rows', async () => {
    proxy = await startFaultProxy(db.url);
    const client = await connectClient(proxy.url(db.url), { application_name: 'tpj-cut-copy' });
    await client.query('BEGIN');
    proxy.cutAfterBytes(256 * 1024, 'toServer');
    const copy = client.query(copyFrom('COPY ticks (id, price) FROM STDIN'));
    await expect(pipeline(tickRows(100_000), copy)).rejects.toThrow();
    await client.query('COMMIT').catch(() => undefined); // the connection is gone: this cannot reach the server

    // Once the server has noticed the reset and ended that backend, nothing of the copy is there.
    await waitFor(async () => (await backendsOf('tpj-cut-copy')) === 0, 'the cut backend to end');
    expect(await count('SELECT count(*)::int AS n FROM ticks')).toBe(0);
    expect(proxy.stats().connectionsCut).toBe(1);
  });

  it('the same COPY through a healthy proxy commits every row (the cut test can fail)', async () => {
    proxy = await startFaultProxy(db.url);
    const client = await connectClient(proxy.url(db.url));
    await client.query('BEGIN');
    await pipeline(tickRows(100_000), client.query(copyFrom('COPY ticks (id, price) FROM STDIN')));
    await client.query('COMMIT');
    expect(await count('SELECT count(*)::int AS n FROM ticks')).toBe(100_000);
    expect(proxy.stats().bytesToServer).toBeGreaterThan(256 * 1024);
    await withClient(db.url, (c) => c.query('TRUNCATE ticks'));
  });
});
