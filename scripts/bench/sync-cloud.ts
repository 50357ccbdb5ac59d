import pg from 'pg';
import { BulkSnapshot } from '../../sync/bulk-local';
import { LocalSide } from '../../sync/local';
import type { CloudDb } from '../../sync/postgres';

/** The PostgreSQL and Redis the sync benches use: TEST_PG_URL / TEST_REDIS_URL, else the local servers. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A database of the bench's own (`tpj_bench_<pid>_<n>`); `drop` ends its connections and removes it. */
export async function benchDatabase(suffix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tpj_bench_${process.pid}_${suffix}`;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

// CREATE/DROP DATABASE take no bind parameters; the name goes through pg's identifier escaping.
async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL did not answer at ${PG_ADMIN_URL} (set TEST_PG_URL): ${String(error)}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Where one `syncOnce()` spent its time, from hooks on the cloud calls each phase makes. */
export type PhaseTimes = { migrate: number; push: number; ticks: number; pull: number; total: number };

/**
 * Wraps the instance's `migrate`, `push`, `pushBulk` and `pull`, and the device's side of an
 * acknowledgement, to timestamp the phase borders of the next sync: push = migrate end → the
 * device has recorded the last acknowledgement (outbox reads, upload, server commit, and the
 * local commit that drops the outbox records, all included), ticks =
 * → first pull request (chunk registration, reads, hashing, COPY, echo), pull = → end
 * (pages applied and trades re-derived, plus the device record).
 */
export function phaseClock(cloud: CloudDb): { start: () => void; stop: () => PhaseTimes } {
  let t0 = 0;
  let migrated = 0;
  let lastPush = 0;
  let firstPull = 0;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was; called through apply
  const bulkAck = BulkSnapshot.prototype.acknowledge;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was; called through apply
  const batchAck = LocalSide.prototype.acknowledge;
  const migrate = cloud.migrate.bind(cloud);
  const push = cloud.push.bind(cloud);
  const pull = cloud.pull.bind(cloud);
  cloud.migrate = async () => {
    const result = await migrate();
    migrated = performance.now();
    return result;
  };
  cloud.push = async (batch) => {
    const ack = await push(batch);
    lastPush = performance.now();
    return ack;
  };
  const pushBulk = cloud.pushBulk.bind(cloud);
  cloud.pushBulk = async (snapshot, options) => {
    const ack = await pushBulk(snapshot, options);
    lastPush = performance.now();
    return ack;
  };
  cloud.pull = (after, limit, deviceId) => {
    if (firstPull === 0) firstPull = performance.now();
    return pull(after, limit, deviceId);
  };
  return {
    start: () => {
      // The push ends when this device has committed the acknowledgement, not when the server has.
      BulkSnapshot.prototype.acknowledge = function (this: BulkSnapshot, ...args) {
        const applied = bulkAck.apply(this, args);
        lastPush = performance.now();
        return applied;
      };
      LocalSide.prototype.acknowledge = function (this: LocalSide, ...args) {
        const applied = batchAck.apply(this, args);
        lastPush = performance.now();
        return applied;
      };
      t0 = performance.now();
      migrated = t0;
      lastPush = 0;
      firstPull = 0;
    },
    stop: () => {
      const end = performance.now();
      BulkSnapshot.prototype.acknowledge = bulkAck;
      LocalSide.prototype.acknowledge = batchAck;
      const pushEnd = Math.max(lastPush, migrated);
      const pullStart = firstPull || end;
      return {
        migrate: migrated - t0,
        push: pushEnd - migrated,
        ticks: pullStart - pushEnd,
        pull: end - pullStart,
        total: end - t0,
      };
    },
  };
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
