import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createCore } from '../../electron/core/core';
import { queueDefinitions } from '../../shared/jobs/queues';
import type { BenchRow } from './report';

const JOBS = Number(process.env.BENCH_JOBS ?? 50_000);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const concurrency = queueDefinitions.default.concurrency;

/** No-op jobs through the local queue (DESIGN §8: ≥ 5k jobs/s), with BullMQ on local Redis beside it. */
export async function benchJobs(): Promise<BenchRow[]> {
  const local = await benchLocalQueue(JOBS);
  const bullmq = await benchBullmq(JOBS).catch((error: unknown) => ({
    skipped: `BullMQ not measured (${error instanceof Error ? error.message : String(error)})`,
  }));
  const peer =
    'skipped' in bullmq
      ? bullmq.skipped
      : `BullMQ on local Redis: ${bullmq.perSecond.toFixed(0)} jobs/s (local queue ×${(local.perSecond / bullmq.perSecond).toFixed(2)})`;
  console.log(`jobs: local ${local.perSecond.toFixed(0)} jobs/s; ${peer}`);
  return [
    {
      work: `local queue, ${JOBS / 1000}k no-op jobs (concurrency ${concurrency})`,
      measured: local.perSecond,
      unit: 'jobs/s',
      budget: 5000,
      kind: 'above',
      note: `queued at ${local.addedPerSecond.toFixed(0)}/s; ${peer}`,
    },
  ];
}

async function benchLocalQueue(count: number): Promise<{ perSecond: number; addedPerSecond: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tpj-bench-jobs-'));
  try {
    const setup = createCore({ dataDir });
    const t0 = performance.now();
    setup.store.db.transaction(() => {
      for (let i = 0; i < count; i++) setup.jobs.add('default', 'noop', { i });
    })();
    const addedPerSecond = count / ((performance.now() - t0) / 1000);
    setup.close();

    const t1 = performance.now();
    const core = createCore({ dataDir, jobs: { run: true } });
    await core.jobs.idle();
    const perSecond = count / ((performance.now() - t1) / 1000);
    const done = core.jobs.store.db.prepare(`SELECT count(*) FROM jobs WHERE state = 'completed'`).pluck().get();
    core.close();
    if (done !== count) throw new Error(`the local queue completed ${String(done)} of ${count} jobs`);
    return { perSecond, addedPerSecond };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same jobs through BullMQ (same concurrency), under a key prefix of its own that is removed afterwards. */
async function benchBullmq(count: number): Promise<{ perSecond: number }> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0 });
  try {
    await probe.connect();
    await probe.ping();
  } catch {
    throw new Error(`Redis did not answer at ${REDIS_URL}`);
  } finally {
    probe.disconnect();
  }
  const prefix = `tpj-bench-${process.pid}-${Date.now()}`;
  const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
  const queue = new Queue('default', { connection, prefix });
  let worker: Worker | undefined;
  try {
    for (let i = 0; i < count; i += 1000) {
      const size = Math.min(1000, count - i);
      await queue.addBulk(Array.from({ length: size }, (_, k) => ({ name: 'noop', data: { i: i + k } })));
    }
    let completed = 0;
    const t0 = performance.now();
    const finished = new Promise<void>((resolve) => {
      worker = new Worker('default', () => Promise.resolve(), { connection, prefix, concurrency });
      worker.on('completed', () => {
        if (++completed === count) resolve();
      });
    });
    await finished;
    return { perSecond: count / ((performance.now() - t0) / 1000) };
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}
