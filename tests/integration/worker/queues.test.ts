import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pino } from 'pino';
import { PermanentJobError } from '../../../electron/core/jobs/processors';
import { queueDefinitions, queueNames } from '../../../shared/jobs/queues';
import { serveHealth } from '../../../sync/worker/http';
import { CloudProcessors } from '../../../sync/worker/processors';
import { CloudQueues, DeadJobNotFound, type Definitions } from '../../../sync/worker/queues';
import { CloudWorker } from '../../../sync/worker/worker';
import { testRedis } from '../../support/cloud-services';

const BACKOFF_MS = 150;
/** The shared definitions with a short backoff on `default`, so retries finish within a test. */
const fast: Definitions = {
  ...queueDefinitions,
  default: { ...queueDefinitions.default, backoff: { type: 'exponential', delayMs: BACKOFF_MS } },
};
const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('cloud jobs on BullMQ (real Redis)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function workspace(name: string) {
    const redis = await testRedis();
    cleanups.push(() => redis.cleanup());
    const open = () => {
      const queues = new CloudQueues({
        redisUrl: redis.url,
        workspaceId: name,
        outerPrefix: redis.prefix,
        definitions: fast,
      });
      cleanups.push(() => queues.close());
      return queues;
    };
    const start = (processors: CloudProcessors, checkServices?: () => Promise<void>) => {
      const worker = new CloudWorker({
        queues: open(),
        redisUrl: redis.url,
        processors,
        log,
        ...(checkServices ? { checkServices } : {}),
      });
      worker.start();
      cleanups.push(() => worker.stop(5_000));
      return worker;
    };
    return { redis, queues: open(), open, start };
  }

  it("stores each job with its queue's attempts, backoff and priority under tpj:<workspace>", async () => {
    const { redis, queues } = await workspace('map');
    for (const [i, queue] of queueNames.entries()) {
      const { id } = await queues.add(queue, 'probe', { i }, { priority: i + 1 });
      const job = (await queues.queue(queue).getJob(id))!;
      const def = fast[queue];
      expect(job.opts).toMatchObject({
        attempts: def.attempts,
        backoff: { type: def.backoff.type, delay: def.backoff.delayMs },
        priority: i + 1,
      });
    }
    const keys = await queues.connection.keys(`${redis.prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith(`${redis.prefix}tpj:map:`))).toBe(true);
    expect((await queues.counts()).ai).toMatchObject({ waiting: 1, active: 0, failed: 0 });
  });

  it('retries with backoff, then keeps the job as a dead letter that a retry runs again with all its attempts', async () => {
    const { queues, start } = await workspace('dlq');
    const runs: { attempt: number; at: number }[] = [];
    let healed = false;
    start(
      new CloudProcessors().register('default', 'flaky', {
        run(job) {
          runs.push({ attempt: job.attempt, at: Date.now() });
          return healed ? Promise.resolve({ ok: true }) : Promise.reject(new Error('broker API said 503'));
        },
      }),
    );
    const { ref } = await queues.add('default', 'flaky', { account: 'a1' });
    const [dead] = await waitFor('the dead letter', async () => {
      const list = await queues.dead();
      return list.length > 0 && list;
    });
    expect(dead).toMatchObject({ ref, name: 'flaky', attemptsMade: 3, failedReason: 'broker API said 503' });
    expect(dead!.payload).toEqual({ account: 'a1' });
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    // Lower bounds only: BullMQ must not run an attempt before its backoff has passed.
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(BACKOFF_MS - 20);
    expect(runs[2]!.at - runs[1]!.at).toBeGreaterThanOrEqual(2 * BACKOFF_MS - 20);

    healed = true;
    await queues.retry(ref);
    await waitFor('the retried job', async () => (await queues.counts()).default.completed === 1);
    expect(runs.at(-1)!.attempt).toBe(1);
    expect(await queues.dead()).toEqual([]);
    await expect(queues.retry(ref)).rejects.toBeInstanceOf(DeadJobNotFound);
    await expect(queues.retry('nope:1')).rejects.toBeInstanceOf(DeadJobNotFound);
  });

  it('a permanent failure or a payload that fails its schema goes dead at once', async () => {
    const { queues, start } = await workspace('perm');
    let typedRuns = 0;
    start(
      new CloudProcessors()
        .register('default', 'permanent', {
          run: () => Promise.reject(new PermanentJobError('account was deleted')),
        })
        .register('ai', 'typed', {
          payload: z.object({ n: z.number() }),
          run: () => Promise.resolve(typedRuns++),
        }),
    );
    await queues.add('default', 'permanent', {});
    await queues.add('ai', 'typed', { n: 'seven' });
    const dead = await waitFor('two dead letters', async () => {
      const list = await queues.dead();
      return list.length === 2 && list;
    });
    expect(dead.map((d) => [d.queue, d.attemptsMade])).toEqual([
      ['ai', 1],
      ['default', 1],
    ]);
    expect(dead.find((d) => d.queue === 'ai')!.failedReason).toMatch(/Invalid payload/);
    expect(typedRuns).toBe(0);
  });

  it('two workers on one Redis share the jobs and never run one twice', async () => {
    const { queues, start } = await workspace('pair');
    const runs: { who: string; id: number }[] = [];
    const recorder = (who: string) =>
      new CloudProcessors().register('default', 'record', {
        async run(job) {
          runs.push({ who, id: job.id });
          await sleep(5);
        },
      });
    start(recorder('one'));
    start(recorder('two'));
    const count = 150;
    await queues.queue('default').addBulk(Array.from({ length: count }, (_, i) => ({ name: 'record', data: { i } })));
    await waitFor('every job done', async () => (await queues.counts()).default.completed === count, 30_000);
    expect(runs).toHaveLength(count);
    expect(new Set(runs.map((r) => r.id)).size).toBe(count);
    expect(runs.some((r) => r.who === 'one')).toBe(true);
    expect(runs.some((r) => r.who === 'two')).toBe(true);
  });

  it('answers /healthz, /readyz and /metrics, and reports not ready when PostgreSQL is not', async () => {
    const { queues, start } = await workspace('http');
    let postgresUp = true;
    const worker = start(
      new CloudProcessors()
        .register('default', 'ok', { run: () => Promise.resolve(1) })
        .register('default', 'bad', { run: () => Promise.reject(new PermanentJobError('no')) }),
      () => (postgresUp ? Promise.resolve() : Promise.reject(new Error('ECONNREFUSED 127.0.0.1:5432'))),
    );
    const http = await serveHealth(worker, { host: '127.0.0.1', port: 0 });
    cleanups.push(() => http.close());
    for (let i = 0; i < 4; i++) await queues.add('default', 'ok', {});
    await queues.add('default', 'bad', {});
    await waitFor('jobs done', async () => {
      const c = (await queues.counts()).default;
      return c.completed === 4 && c.failed === 1;
    });

    const health = await fetch(`${http.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${http.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { workers: 'ok', redis: 'ok', postgres: 'ok' } });

    const metrics = await (await fetch(`${http.url}/metrics`)).text();
    expect(metrics).toContain('tpj_queue_jobs{queue="default",state="completed"} 4\n');
    expect(metrics).toContain('tpj_queue_jobs{queue="default",state="failed"} 1\n');
    expect(metrics).toContain('tpj_queue_jobs{queue="ai",state="waiting"} 0\n');
    expect(metrics).toContain('tpj_job_duration_seconds_count{queue="default",outcome="completed"} 4\n');
    expect(metrics).toContain('tpj_job_duration_seconds_bucket{queue="default",outcome="failed",le="+Inf"} 1\n');
    expect(metrics.match(/^# TYPE tpj_queue_jobs gauge$/gm)).toHaveLength(1);

    postgresUp = false;
    const notReady = await fetch(`${http.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: Record<string, string> }).checks.postgres).toMatch(/ECONNREFUSED/);

    await worker.stop(5_000);
    const stopping = await fetch(`${http.url}/readyz`);
    expect(stopping.status).toBe(503);
    expect(((await stopping.json()) as { checks: Record<string, string> }).checks.workers).toBe('stopping');
    expect((await fetch(`${http.url}/nope`)).status).toBe(404);
  });
});
