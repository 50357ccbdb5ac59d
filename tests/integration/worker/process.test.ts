import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QdrantStore } from '../../../sync/qdrant';
import { CloudQueues } from '../../../sync/worker/queues';
import { testRedis, type TestRedis } from '../../support/cloud-services';
import { startQdrantDouble, type QdrantDouble } from '../../support/qdrant-double';
import { device, freshCloudDatabase, type Device } from '../../support/sync-devices';

const root = join(import.meta.dirname, '..', '..', '..');
const tpjArgs = ['--import', 'tsx', join(root, 'scripts', 'tpj.ts')];
const run = promisify(execFile);
const WORKSPACE = 'ws-proc';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('`tpj worker` as a process', () => {
  let cloud: { url: string; drop: () => Promise<void> };
  let qdrant: QdrantDouble;
  let redis: TestRedis;
  let a: Device;
  let queues: CloudQueues;
  let env: NodeJS.ProcessEnv;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    cloud = await freshCloudDatabase();
    qdrant = await startQdrantDouble();
    redis = await testRedis();
    a = await device(cloud.url, WORKSPACE);
    await a.call('demo.load', { trades: 20, seed: 9 });
    await a.sync();
    queues = new CloudQueues({ redisUrl: redis.url, workspaceId: WORKSPACE, outerPrefix: redis.prefix });
    env = {
      ...process.env,
      REDIS_URL: redis.url,
      TPJ_REDIS_PREFIX: redis.prefix,
      TPJ_WORKSPACE: WORKSPACE,
      TIMESCALE_DATABASE_URL: cloud.url,
      QDRANT_URL: qdrant.url,
      GEMINI_API_KEY: '',
      TPJ_LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await queues?.close();
    await redis?.cleanup();
    await a?.close();
    await qdrant?.close();
    await cloud?.drop();
  });

  /** One `tpj` command to its end: exit code and output, never throwing on a non-zero exit. */
  async function tpj(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [...tpjArgs, ...args], { env, cwd: root });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('serves its probes, finishes the running job on SIGTERM and exits 0; dead jobs are listed and retried from the CLI', async () => {
    const worker = spawn(process.execPath, [...tpjArgs, 'worker', '--port', '0', '--json'], { env, cwd: root });
    child = worker;
    let stderr = '';
    worker.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: worker.stdout });
    const output: string[] = [];
    const first = new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        output.push(line);
        if (output.length === 1) resolve(line);
      });
      worker.once('exit', (code) => reject(new Error(`worker exited ${code}: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    const { url } = JSON.parse(await first) as { url: string };

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toMatchObject({ ready: true });

    // A job with a payload no retry can fix goes dead at once (queued through the CLI).
    const bad = await tpj(
      'worker',
      '--enqueue',
      'ai/embed-trades',
      '--payload',
      '{"tradeIds":["not-a-uuid"]}',
      '--json',
    );
    expect(bad.code).toBe(0);
    const badRef = (JSON.parse(bad.stdout) as { ref: string }).ref;
    // The upsert to Qdrant answers slowly, so the job is mid-run when SIGTERM comes.
    qdrant.faults.set({ mode: 'slow', delayMs: 4_000, times: 1, path: /^\/collections\/trades\/points$/ });
    const { id } = await queues.add('ai', 'embed-trades', {});
    const verify = await queues.add('default', 'verify-cloud', {});
    for (let i = 0; !qdrant.requests.some((r) => r.method === 'PUT' && r.path === '/collections/trades/points'); i++) {
      if (i > 600) throw new Error('the job never reached Qdrant');
      await sleep(25);
    }
    const job = (await queues.queue('ai').getJob(id))!;
    expect(await job.getState()).toBe('active');

    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(JSON.parse(output.at(-1)!)).toEqual({ stopped: true, drained: true });
    expect(await (await queues.queue('ai').getJob(id))!.getState()).toBe('completed');
    const store = new QdrantStore({ url: qdrant.url, workspaceId: WORKSPACE });
    const trades = (await a.call('trades.list', { limit: 100 })).items.length;
    expect(await store.count('trades')).toBe(trades);
    const counts = (await queues.queue('default').getJob(verify.id))!;
    expect(await counts.getState()).toBe('completed');
    expect(counts.returnvalue).toMatchObject({ tables: { trades: { live: trades } } });
    // Started with the default schedule: one verify-cloud scheduler, hourly.
    expect(await queues.queue('default').getJobSchedulers()).toMatchObject([{ key: 'verify-cloud', every: 3_600_000 }]);

    const dead = await tpj('worker', '--dead', '--json');
    expect(dead.code).toBe(0);
    const list = (JSON.parse(dead.stdout) as { dead: { ref: string; failedReason: string }[] }).dead;
    expect(list.map((d) => d.ref)).toEqual([badRef]);
    expect(list[0]!.failedReason).toMatch(/Invalid payload/);

    const retried = await tpj('worker', '--retry', badRef, '--json');
    expect(retried.code).toBe(0);
    expect(await queues.dead()).toEqual([]);
    expect((await queues.counts()).ai.waiting).toBe(1);
    const missing = await tpj('worker', '--retry', 'ai:99999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No dead job ai:99999/);
  }, 240_000);

  it('says which settings are missing instead of starting half-configured', async () => {
    const saved = env;
    env = { ...saved, TIMESCALE_DATABASE_URL: '', TPJ_WORKSPACE: '' };
    try {
      const result = await tpj('worker', '--port', '0');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/needs TPJ_WORKSPACE, TIMESCALE_DATABASE_URL/);
      const bad = await tpj('worker', '--enqueue', 'nope/x');
      expect(bad.code).toBe(1);
    } finally {
      env = saved;
    }
  }, 120_000);
});
