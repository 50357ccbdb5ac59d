import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPostgres, testRole, type TestDatabase } from '../../support/cloud-services';
import { startFaultProxy } from '../../support/fault-proxy';
import { device, journalImage, writeMarchTicks } from '../../support/sync-devices';
import { provisionWorkspaceRole } from '../../../sync/cloud-schema';
import type { Failpoint } from '../../../sync/engine';
import { CloudDb } from '../../../sync/postgres';

const run = promisify(execFile);
const tpj = join(import.meta.dirname, '..', '..', '..', 'bin', 'tpj.js');

/** The built `tpj` with a cloud configured; reports a kill by signal instead of throwing. */
async function cli(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [tpj, ...args], { env: { ...process.env, ...env } });
    return { code: 0 as number | null, signal: null as string | null, stdout };
  } catch (error) {
    const e = error as { code: number | null; signal: string | null; stdout: string; stderr: string };
    return { code: e.code, signal: e.signal, stdout: `${e.stdout}${e.stderr}` };
  }
}

describe('sync under faults (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    if (!existsSync(join(import.meta.dirname, '..', '..', '..', 'out', 'cli', 'tpj.js'))) {
      throw new Error('The CLI is not built: run `node scripts/build-cli.mjs` (npm test does it).');
    }
    db = await testPostgres();
    dir = mkdtempSync(join(tmpdir(), 'tpj-sync-faults-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('a push whose acknowledgement was lost is a no-op when retried', async () => {
    let lose = true;
    const a = await device(db.url, 'lost-ack', {
      failpoint: (name) => {
        if (name === 'push:after-server-commit' && lose) {
          lose = false;
          throw new Error('connection lost before the acknowledgement');
        }
      },
    });
    try {
      await a.call('accounts.create', { name: 'Main', currency: 'USD' });
      await expect(a.sync()).rejects.toThrow(/acknowledgement/);
      expect(a.engine.local.pending()).toBe(1);
      const before = await a.cloud.pool.query(`SELECT max(server_seq) AS s, count(*) AS n FROM tpj.accounts`);
      const report = await a.sync();
      expect(report.pushedRecords).toBe(1);
      expect(a.engine.local.pending()).toBe(0);
      const after = await a.cloud.pool.query(`SELECT max(server_seq) AS s, count(*) AS n FROM tpj.accounts`);
      expect(after.rows).toEqual(before.rows); // not written twice, not renumbered
    } finally {
      await a.close();
    }
  });

  const killPoints: Failpoint[] = [
    'push:before-send',
    'push:after-server-commit',
    'pull:after-fetch',
    'pull:after-page',
    'ticks:mid-copy',
  ];
  // The push failpoints also in a bulk (COPY) push, which a first sync of a large journal takes.
  const cases: [Failpoint, 'batch' | 'bulk'][] = [
    ...killPoints.map((p): [Failpoint, 'batch'] => [p, 'batch']),
    ['push:before-send', 'bulk'],
    ['push:after-server-commit', 'bulk'],
  ];
  for (const [point, mode] of cases) {
    it(`kill -9 at ${point} (${mode} push): after a restart nothing acknowledged is lost, nothing doubles, the outbox empties`, async () => {
      const workspace = `kill-${point.replace(/[^a-z]/g, '')}-${mode}`;
      const env = { TIMESCALE_DATABASE_URL: db.url, TPJ_WORKSPACE: workspace };
      const journalA = join(dir, `${workspace}-a`);
      // Device B writes first, so device A has something to pull when it is killed.
      const b = await device(db.url, workspace);
      try {
        await b.call('accounts.create', { name: 'From B', currency: 'EUR' });
        await b.call('journal.create', { kind: 'day', day: '2024-01-02', body: 'written on B' });
        await b.sync();
        expect((await cli({}, '--data-dir', journalA, 'demo', '--trades', '40', '--json')).code).toBe(0);
        const bulk = mode === 'bulk' ? { TPJ_SYNC_BULK_MIN: '1' } : {};
        const killed = await cli(
          { ...env, ...bulk, TPJ_SYNC_KILL_AT: point },
          '--data-dir',
          journalA,
          'sync',
          '--json',
        );
        expect(killed.signal).toBe('SIGKILL');
        const again = await cli({ ...env, ...bulk }, '--data-dir', journalA, 'sync', '--json');
        expect(again.code, again.stdout).toBe(0);
        expect((JSON.parse(again.stdout) as { status: { pending: number } }).status.pending).toBe(0);
        const verify = await cli(env, '--data-dir', journalA, 'verify', '--cloud', '--json');
        expect(verify.code, verify.stdout).toBe(0);
        await b.sync();
        // Device B now holds exactly what device A holds, row for row and version for version.
        const aDb = new Database(join(journalA, 'journal.sqlite'), { readonly: true });
        try {
          const image = journalImage(b);
          for (const table of Object.keys(image)) {
            expect(aDb.prepare(`SELECT * FROM ${table} ORDER BY id`).all(), table).toEqual(image[table]);
          }
          expect(aDb.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(0);
        } finally {
          aDb.close();
        }
        expect((await b.call('accounts.list', {})).map((x) => x.name)).toContain('From B');
        const ticks = await b.cloud.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM tpj.tick_data WHERE workspace_id = $1`,
          [workspace],
        );
        const chunks = await b.cloud.pool.query<{ n: number }>(
          `SELECT coalesce(sum(count), 0)::int AS n FROM tpj.tick_chunks WHERE workspace_id = $1`,
          [workspace],
        );
        expect(ticks.rows[0]!.n).toBe(chunks.rows[0]!.n);
        expect(ticks.rows[0]!.n).toBeGreaterThan(0);
        const digest = await b.cloud.digest();
        const image = journalImage(b);
        for (const [table, rows] of Object.entries(image)) expect(digest[table]?.rows, table).toBe(rows.length);
      } finally {
        await b.close();
      }
    }, 60_000);
  }

  it('a failure on the device in the middle of a COPY cancels it; the next sync on the same pool uploads every tick', async () => {
    let failures = 1;
    const a = await device(db.url, 'fail-mid-copy', {
      tickChunks: 500,
      failpoint: (name) => {
        if (name === 'ticks:mid-copy' && failures-- > 0) throw new Error('the device gave out mid-COPY');
      },
    });
    try {
      await a.call('demo.load', { trades: 60, seed: 5 });
      await expect(a.sync()).rejects.toThrow(/gave out mid-COPY/);
      const count = async () =>
        (
          await a.cloud.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM tpj.tick_data WHERE workspace_id = 'fail-mid-copy'`,
          )
        ).rows[0]!.n;
      expect(await count()).toBe(0);
      expect(
        a.core.store.db.prepare(`SELECT count(*) FROM tick_chunks WHERE uploaded_at IS NULL`).pluck().get(),
      ).not.toBe(0);
      const report = await a.sync();
      const local = a.core.store.db.prepare(`SELECT count(*) FROM ticks`).pluck().get() as number;
      expect(local).toBeGreaterThan(0);
      expect(report.tickRows).toBe(local);
      expect(await count()).toBe(local);
    } finally {
      await a.close();
    }
  });

  it('refuses an upload whose days were written to while it ran, when it must read them again; the next sync sends them', async () => {
    const workspace = 'written-mid-upload';
    const a = await device(db.url, workspace);
    let writes = 1;
    const b = await device(db.url, workspace, {
      failpoint: (name) => {
        // After B's first day went into the COPY: one more tick of that day, here.
        if (name !== 'ticks:mid-copy' || writes-- <= 0) return;
        b.core.store.db
          .prepare(`INSERT INTO ticks (symbol, ts, seq, price, size) VALUES ('ESZ5', ?, 0, 5801, 1)`)
          .run(Date.UTC(2025, 2, 1, 14, 30) * 1000 + 999); // between B's own (writeMarchTicks)
      },
    });
    try {
      writeMarchTicks(a, 3, 3);
      await a.sync();
      // The cloud keeps A's rows but forgets their records: B's days go in straight, and each
      // day's range then holds more than B sent, so B reads its days again to check them.
      await a.cloud.pool.query(`DELETE FROM tpj.tick_chunks WHERE workspace_id = $1`, [workspace]);
      writeMarchTicks(b, 3, 2, 500);
      await expect(b.sync()).rejects.toThrow(/written on this device during the upload/);
      const count = async () =>
        (
          await a.cloud.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM tpj.tick_data WHERE workspace_id = $1`,
            [workspace],
          )
        ).rows[0]!.n;
      expect(await count()).toBe(9);
      const report = await b.sync();
      expect(report.tickRows).toBe(7);
      expect(await count()).toBe(16);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a connection cut mid-COPY uploads nothing of the chunk; the retry uploads it whole', async () => {
    const proxy = await startFaultProxy(db.url);
    const a = await device(proxy.url(db.url), 'cut-copy', { tickChunks: 500 });
    try {
      await a.call('demo.load', { trades: 60, seed: 3 });
      await a.sync().catch(() => undefined); // schema and rows in place
      a.core.store.db.exec(`UPDATE tick_chunks SET uploaded_at = NULL`);
      await a.cloud.pool.query(`DELETE FROM tpj.tick_data; DELETE FROM tpj.tick_chunks;`);
      proxy.cutAfterBytes(200_000, 'toServer');
      await expect(a.sync()).rejects.toThrow();
      const direct = new pg.Client({ connectionString: db.url });
      await direct.connect();
      try {
        expect((await direct.query<{ n: number }>(`SELECT count(*)::int AS n FROM tpj.tick_data`)).rows[0]!.n).toBe(0);
        expect(
          a.core.store.db.prepare(`SELECT count(*) FROM tick_chunks WHERE uploaded_at IS NOT NULL`).pluck().get(),
        ).toBe(0);
        proxy.pass();
        await a.sync();
        const local = a.core.store.db.prepare(`SELECT count(*) FROM ticks`).pluck().get();
        expect((await direct.query<{ n: number }>(`SELECT count(*)::int AS n FROM tpj.tick_data`)).rows[0]!.n).toBe(
          local,
        );
      } finally {
        await direct.end();
      }
    } finally {
      await a.close();
      await proxy.close();
    }
  }, 60_000);

  it('a connection cut mid-pull leaves the cursor where the last whole page ended', async () => {
    const proxy = await startFaultProxy(db.url);
    const a = await device(db.url, 'cut-pull');
    const b = await device(proxy.url(db.url), 'cut-pull', { pageSize: 50 });
    try {
      await a.call('demo.load', { trades: 120, seed: 4 });
      await a.sync();
      proxy.cutAfterBytes(150_000, 'toClient');
      await expect(b.sync()).rejects.toThrow();
      const cursor = b.engine.local.cursor();
      // Whole pages only: B holds exactly the cloud rows numbered up to its cursor.
      const upTo = await a.cloud.pool.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM tpj.executions WHERE workspace_id = 'cut-pull' AND server_seq <= $1)::int AS n`,
        [cursor],
      );
      expect(cursor).toBeGreaterThan(0);
      expect(b.core.store.db.prepare(`SELECT count(*) FROM executions`).pluck().get()).toBe(upTo.rows[0]!.n);
      proxy.pass();
      await b.sync();
      expect(b.engine.local.cursor()).toBeGreaterThan(cursor);
      await a.sync();
      expect(journalImage(b)).toEqual(journalImage(a));
    } finally {
      await a.close();
      await b.close();
      await proxy.close();
    }
  }, 60_000);

  it('after thousands of offline changes, one sync catches up and the other device sees them all', async () => {
    const a = await device(db.url, 'offline-many', { batchSize: 500 });
    const b = await device(db.url, 'offline-many');
    try {
      await a.call('demo.load', { trades: 300, seed: 8 });
      const page = await a.call('trades.list', { limit: 300 });
      for (let round = 0; round < 10; round++) {
        for (const t of page.items) await a.call('trades.update', { id: t.id, patch: { rating: (round % 5) + 1 } });
      }
      expect(a.engine.local.pending()).toBeGreaterThan(3_000);
      const report = await a.sync();
      expect(report.pushedRecords).toBeGreaterThan(3_000);
      expect(a.engine.local.pending()).toBe(0);
      await b.sync();
      const ratings = b.core.store.db
        .prepare(`SELECT DISTINCT rating FROM trades WHERE deleted_hlc IS NULL`)
        .pluck()
        .all();
      expect(ratings).toEqual([5]);
      expect(journalImage(b)).toEqual(journalImage(a));
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);

  it("keeps workspaces apart: a workspace's login cannot read or write another's rows", async () => {
    const a = await device(db.url, 'iso-a');
    const other = await device(db.url, 'iso-b');
    const role = await testRole();
    try {
      await a.call('accounts.create', { name: 'Trader A', currency: 'USD' });
      await other.call('accounts.create', { name: 'Trader B', currency: 'USD' });
      await a.sync();
      await other.sync();
      await a.cloud.withClient((c) => provisionWorkspaceRole(c, role.name, 'iso-a'));
      // The role even claims workspace B for its session: the policy follows the login.
      const asRole = await CloudDb.open({ url: role.urlFor(db.url), workspaceId: 'iso-b' });
      try {
        const seen = await asRole.pool.query(`SELECT workspace_id, name FROM tpj.accounts ORDER BY name`);
        expect(seen.rows).toEqual([{ workspace_id: 'iso-a', name: 'Trader A' }]);
        await expect(
          asRole.pool.query(
            `INSERT INTO tpj.accounts (workspace_id, id, name, currency, created_at, hlc, device_id) VALUES ('iso-b', 'x', 'forged', 'USD', 0, 'h', 'd')`,
          ),
        ).rejects.toThrow(/row-level security/);
        const updated = await asRole.pool.query(
          `UPDATE tpj.accounts SET name = 'hijacked' WHERE workspace_id = 'iso-b'`,
        );
        expect(updated.rowCount).toBe(0);
        await expect(asRole.pool.query(`SELECT * FROM tpj.workspace_roles`)).rejects.toThrow(/permission denied/);
      } finally {
        await asRole.close();
      }
    } finally {
      await a.close();
      await other.close();
    }
  });
});
