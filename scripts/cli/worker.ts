import type { Command } from 'commander';
import { pino } from 'pino';
import { isQueueName, jobPriority, maxJobPriority } from '../../shared/jobs/queues';
import { redactedPaths } from '../../electron/core/log/logger';
import { redactUrl } from '../../sync/config';
// BullMQ and ioredis load only when a worker command runs, not on every `tpj` start.
import type { CloudQueues, DeadJob } from '../../sync/worker/queues';
import type { WorkerConfig } from '../../sync/worker/service';
import { UserError } from './errors';
import { table } from './format';
import { positiveInt } from './options';

type WorkerOpts = {
  port: number;
  host: string;
  drainTimeout: number;
  verifyEvery: number;
  json?: boolean;
  dead?: boolean;
  retry?: string;
  enqueue?: string;
  payload: string;
  priority: number;
};

/**
 * `tpj worker`: the workspace's cloud job worker (BullMQ on REDIS_URL), or with --dead,
 * --retry and --enqueue the operator's view of the same queues.
 */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run cloud jobs from Redis (REDIS_URL, TIMESCALE_DATABASE_URL, TPJ_WORKSPACE, QDRANT_URL)')
    .option('--port <port>', 'health and metrics port on --host (0: a free one)', (v) => positiveInt(v, 0), 9464)
    .option('--host <host>', 'address of /healthz, /readyz and /metrics', '127.0.0.1')
    .option('--drain-timeout <ms>', 'on SIGTERM, how long running jobs may finish', (v) => positiveInt(v, 0), 30_000)
    .option('--verify-every <minutes>', 'run default/verify-cloud this often (0: never)', (v) => positiveInt(v, 0), 60)
    .option('--dead', 'list jobs that failed for good (dead letters) and exit')
    .option('--retry <ref>', 'run a dead job again with all its attempts (ref as --dead lists it, e.g. ai:17)')
    .option('--enqueue <queue/name>', 'add one job (e.g. ai/embed-trades, default/verify-cloud) and exit')
    .option('--payload <json>', 'the job payload for --enqueue', '{}')
    .option('--priority <n>', `1 runs first … ${maxJobPriority}`, (v) => positiveInt(v, 1), jobPriority.normal)
    .option('--json', 'print JSON')
    .action(async (opts: WorkerOpts) => {
      const config = workerConfigFromEnv(process.env, !(opts.dead || opts.retry || opts.enqueue));
      if (opts.dead || opts.retry || opts.enqueue) {
        return operate(config, opts).catch((error: unknown) => {
          if (error instanceof UserError) throw error;
          throw new Error(`the cloud queues at ${redactUrl(config.redisUrl)}: ${(error as Error).message}`);
        });
      }
      await runWorker(config, opts);
    });
}

/** The worker's settings from the environment the devices' sync uses, plus GEMINI_API_KEY. */
export function workerConfigFromEnv(env: NodeJS.ProcessEnv, needDatabase: boolean): WorkerConfig {
  const redisUrl = env.REDIS_URL?.trim();
  const workspaceId = env.TPJ_WORKSPACE?.trim();
  const databaseUrl = env.TIMESCALE_DATABASE_URL?.trim() ?? '';
  const missing = [
    !redisUrl && 'REDIS_URL',
    !workspaceId && 'TPJ_WORKSPACE',
    needDatabase && !databaseUrl && 'TIMESCALE_DATABASE_URL',
  ].filter(Boolean);
  if (missing.length > 0) throw new UserError(`tpj worker needs ${missing.join(', ')} in the environment.`);
  return {
    redisUrl: redisUrl!,
    workspaceId: workspaceId!,
    databaseUrl,
    qdrantUrl: env.QDRANT_URL?.trim() || undefined,
    qdrantApiKey: env.QDRANT_API_KEY?.trim() || undefined,
    geminiApiKey: env.GEMINI_API_KEY?.trim() || undefined,
    geminiBaseUrl: env.TPJ_GEMINI_BASE_URL?.trim() || undefined,
    redisPrefix: env.TPJ_REDIS_PREFIX?.trim() || undefined,
  };
}

async function operate(config: WorkerConfig, opts: WorkerOpts): Promise<void> {
  const { CloudQueues, DeadJobNotFound } = await import('../../sync/worker/queues');
  const queues = openQueues(CloudQueues, config);
  try {
    if (opts.dead) {
      const dead = await queues.dead();
      if (opts.json) return console.log(JSON.stringify({ dead }));
      console.log(dead.length === 0 ? 'No dead cloud jobs.' : describeDead(dead));
    } else if (opts.retry) {
      const job = await queues.retry(opts.retry).catch((error: unknown) => {
        throw error instanceof DeadJobNotFound ? new UserError(error.message) : error;
      });
      if (opts.json) return console.log(JSON.stringify({ retried: job.ref }));
      console.log(`Cloud job ${job.ref} (${job.name}) is queued again with all its attempts.`);
    } else if (opts.enqueue) {
      const [queue, name, ...rest] = opts.enqueue.split('/');
      if (!queue || !isQueueName(queue) || !name || rest.length > 0) {
        throw new UserError(`--enqueue takes <queue>/<job name>, e.g. ai/embed-trades; not "${opts.enqueue}".`);
      }
      let payload: unknown;
      try {
        payload = JSON.parse(opts.payload);
      } catch {
        throw new UserError('--payload is not valid JSON.');
      }
      const added = await queues.add(queue, name, payload, { priority: opts.priority });
      if (opts.json) return console.log(JSON.stringify(added));
      console.log(`Queued cloud job ${added.ref} (${name}).`);
    }
  } finally {
    await queues.close();
  }
}

function openQueues(Queues: typeof CloudQueues, config: WorkerConfig): CloudQueues {
  try {
    return new Queues({
      redisUrl: config.redisUrl,
      workspaceId: config.workspaceId,
      failFast: true,
      ...(config.redisPrefix ? { outerPrefix: config.redisPrefix } : {}),
    });
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

async function runWorker(config: WorkerConfig, opts: WorkerOpts): Promise<void> {
  const log = pino(
    { level: process.env.TPJ_LOG_LEVEL ?? 'info', redact: { paths: redactedPaths, censor: '[redacted]' } },
    pino.destination(2),
  );
  const { startWorker } = await import('../../sync/worker/service');
  const running = await startWorker(config, {
    host: opts.host,
    port: opts.port,
    log,
    verifyEveryMs: opts.verifyEvery * 60_000,
  }).catch((error: unknown) => {
    throw new UserError(`The cloud worker could not start: ${(error as Error).message}`);
  });
  const ready = {
    url: running.url,
    workspace: config.workspaceId,
    redis: redactUrl(config.redisUrl),
    postgres: redactUrl(config.databaseUrl),
    qdrant: redactUrl(config.qdrantUrl),
    embedder: config.geminiApiKey ? 'gemini' : 'local',
  };
  console.log(
    opts.json
      ? JSON.stringify(ready)
      : `Cloud worker for workspace ${config.workspaceId} is running; probes at ${running.url}/healthz, /readyz, /metrics. Ctrl+C stops it.`,
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info({ signal }, 'stopping: finishing running jobs');
  const { drained } = await running.stop(opts.drainTimeout);
  log.info({ drained }, 'cloud worker stopped');
  if (opts.json) console.log(JSON.stringify({ stopped: true, drained }));
}

function describeDead(dead: DeadJob[]): string {
  return table(
    ['Ref', 'Job', 'Attempts', 'Failed at', 'Reason'],
    dead.map((d) => [d.ref, d.name, String(d.attemptsMade), d.failedAt ?? '', d.failedReason.slice(0, 80)]),
  );
}
