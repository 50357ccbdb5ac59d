import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { queueNames, type QueueName } from '../../shared/jobs/queues';
import { PermanentJobError } from '../../electron/core/jobs/processors';
import { workerSettings } from './definitions';
import { JobDurations, renderMetrics } from './metrics';
import type { CloudProcessors } from './processors';
import type { CloudQueues } from './queues';

export type WorkerLog = {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
};

export type CloudWorkerOptions = {
  queues: CloudQueues;
  redisUrl: string;
  processors: CloudProcessors;
  log: WorkerLog;
  /** Other services the worker needs (PostgreSQL): throws when one is unreachable. */
  checkServices?: () => Promise<void>;
};

export type Readiness = { ready: boolean; checks: Record<string, string> };

/**
 * Runs the workspace's cloud jobs with BullMQ: one Worker per queue with the shared
 * definitions' concurrency and rate limit. Any number of these processes may run against
 * one Redis: BullMQ hands each job to one worker under a lock, and a job whose worker died
 * is taken back by the others when its lock lapses.
 */
export class CloudWorker {
  private readonly workers = new Map<QueueName, Worker>();
  private readonly running = new Map<string, AbortController>();
  private readonly runningPerQueue = Object.fromEntries(queueNames.map((q) => [q, 0])) as Record<QueueName, number>;
  readonly durations = new JobDurations();
  private stopping: Promise<{ drained: boolean }> | null = null;

  constructor(private readonly options: CloudWorkerOptions) {}

  /** Start taking jobs from every queue. */
  start(): void {
    const { queues, redisUrl, log } = this.options;
    for (const name of queueNames) {
      const worker = new Worker(
        name,
        (job: Job, _token?: string, signal?: AbortSignal) => this.run(name, job, signal),
        {
          connection: { url: redisUrl, maxRetriesPerRequest: null },
          prefix: queues.prefix,
          ...workerSettings(queues.definitions[name]),
        },
      );
      worker.on('completed', (job) => this.finished(name, job, 'completed'));
      worker.on('failed', (job, error) => {
        if (job) this.finished(name, job, 'failed');
        if (job) {
          const dead = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
          log.warn(
            { queue: name, job: job.id, name: job.name, attempt: job.attemptsMade, dead, error: error.message },
            dead ? 'cloud job failed for good (dead letter)' : 'cloud job failed; it will be retried',
          );
        }
      });
      worker.on('error', (error) => log.warn({ queue: name, error: error.message }, 'cloud worker error'));
      this.workers.set(name, worker);
    }
  }

  /** Each queue has a running worker, Redis answers, and so do the other services. */
  async readiness(): Promise<Readiness> {
    const checks: Record<string, string> = {};
    const stopped = queueNames.filter((q) => !this.workers.get(q)?.isRunning());
    checks.workers = this.stopping ? 'stopping' : stopped.length === 0 ? 'ok' : `not running: ${stopped.join(', ')}`;
    checks.redis = await within(2_000, () => this.options.queues.ping());
    if (this.options.checkServices) checks.postgres = await within(3_000, this.options.checkServices);
    return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
  }

  async metrics(): Promise<string> {
    return renderMetrics(await this.options.queues.counts(), this.durations, { ...this.runningPerQueue });
  }

  /**
   * Stop taking jobs and let running ones finish for up to `timeoutMs`; then abort them
   * (a processor that honours its signal fails that attempt, which BullMQ retries) and close
   * the connections. A job still running after that is left to its lock: another worker takes it.
   */
  stop(timeoutMs: number): Promise<{ drained: boolean }> {
    this.stopping ??= this.drain(timeoutMs);
    return this.stopping;
  }

  private async drain(timeoutMs: number): Promise<{ drained: boolean }> {
    const closed = Promise.all([...this.workers.values()].map((w) => w.close()));
    let drained = await Promise.race([closed.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!drained) {
      this.options.log.warn({ running: this.running.size }, 'jobs did not finish in time; aborting them');
      for (const controller of this.running.values()) controller.abort(new Error('the worker is shutting down'));
      drained = await Promise.race([closed.then(() => true), sleep(2_000).then(() => false)]);
      if (!drained) await Promise.all([...this.workers.values()].map((w) => w.close(true)));
    }
    return { drained: drained && this.running.size === 0 };
  }

  private async run(queue: QueueName, job: Job, cancelled: AbortSignal | undefined): Promise<unknown> {
    const processor = this.options.processors.get(queue, job.name);
    // Retried (then dead) rather than dropped: a newer worker version may know this job.
    if (!processor) throw new Error(`No processor for ${queue}/${job.name} in this worker version.`);
    let payload: unknown = job.data;
    if (processor.payload) {
      const parsed = processor.payload.safeParse(job.data);
      if (!parsed.success)
        throw new UnrecoverableError(`Invalid payload for ${queue}/${job.name}: ${parsed.error.message}`);
      payload = parsed.data;
    }
    const key = `${queue}:${String(job.id)}`;
    const controller = new AbortController();
    this.running.set(key, controller);
    this.runningPerQueue[queue] += 1;
    const started = Date.now();
    try {
      const result = await processor.run({
        id: Number(job.id),
        queue,
        name: job.name,
        payload,
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
        signal: cancelled ? AbortSignal.any([controller.signal, cancelled]) : controller.signal,
        reportProgress: (fraction) => {
          job.updateProgress(Math.max(0, Math.min(1, fraction))).catch(() => undefined);
        },
      });
      this.options.log.info({ queue, job: job.id, name: job.name, ms: Date.now() - started }, 'cloud job done');
      return result ?? null;
    } catch (error) {
      if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
      throw error;
    } finally {
      this.running.delete(key);
      this.runningPerQueue[queue] -= 1;
    }
  }

  private finished(queue: QueueName, job: Job, outcome: 'completed' | 'failed'): void {
    if (job.processedOn && job.finishedOn)
      this.durations.observe(queue, outcome, (job.finishedOn - job.processedOn) / 1000);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function within(ms: number, check: () => Promise<unknown>): Promise<string> {
  try {
    await Promise.race([
      check(),
      sleep(ms).then(() => {
        throw new Error(`no answer within ${ms} ms`);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return (error as Error).message || String(error);
  }
}
