import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { queueDefinitions, queueNames, type QueueDefinition, type QueueName } from '../../shared/jobs/queues';
import { jobSettings, workspacePrefix } from './definitions';

const VERIFY_SCHEDULER = 'verify-cloud';

export type Definitions = Readonly<Record<QueueName, QueueDefinition>>;

export type CloudQueuesOptions = {
  redisUrl: string;
  workspaceId: string;
  /** Put before `tpj:<workspace>` (tests and benches give each run its own). */
  outerPrefix?: string;
  /** The shared definitions unless a test shortens the backoff. */
  definitions?: Definitions;
  /** One-shot commands (`--dead`, `--retry`, `--enqueue`): fail after a few seconds instead of waiting for Redis. */
  failFast?: boolean;
};

/** A job that used up its attempts (or failed permanently): the cloud dead-letter list. */
export type DeadJob = {
  /** `<queue>:<id>`, what `tpj worker --retry` takes. */
  ref: string;
  queue: QueueName;
  id: string;
  name: string;
  attemptsMade: number;
  failedReason: string;
  failedAt: string | null;
  payload: unknown;
};

export type QueueCounts = Record<'waiting' | 'active' | 'delayed' | 'completed' | 'failed', number>;

/** Thrown for a reference that names no dead job; the CLI shows the message as is. */
export class DeadJobNotFound extends Error {
  override name = 'DeadJobNotFound';
}

/**
 * The workspace's cloud queues as a producer and operator sees them: add jobs, count them,
 * list and retry dead ones. BullMQ keeps a job that ran out of attempts in its queue's
 * failed set (moved there atomically by its own script), so that set *is* the dead-letter
 * list: no second queue, no window in which a crash could lose a dead job between the two.
 */
export class CloudQueues {
  readonly prefix: string;
  readonly definitions: Definitions;
  readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(options: CloudQueuesOptions) {
    this.prefix = workspacePrefix(options.workspaceId, options.outerPrefix);
    this.definitions = options.definitions ?? queueDefinitions;
    // BullMQ needs commands to wait through a reconnect rather than fail after N retries.
    this.connection = new Redis(
      options.redisUrl,
      options.failFast
        ? { maxRetriesPerRequest: 1, connectTimeout: 3_000, retryStrategy: (times) => (times > 2 ? null : 500) }
        : { maxRetriesPerRequest: null },
    );
    this.connection.on('error', () => undefined); // reported through readiness and failed commands
    for (const name of queueNames) {
      const queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      queue.on('error', () => undefined); // the same: each command that fails says why
      this.queues.set(name, queue);
    }
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  /** Queue a job with its queue's attempts and backoff. A `jobId` already known is not added twice. */
  async add(
    queue: QueueName,
    name: string,
    payload: unknown,
    options: { priority?: number; jobId?: string } = {},
  ): Promise<{ ref: string; queue: QueueName; id: string }> {
    const job = await this.queue(queue).add(name, payload, {
      ...jobSettings(this.definitions[queue], options.priority),
      ...(options.jobId ? { jobId: options.jobId } : {}),
    });
    const id = String(job.id);
    return { ref: `${queue}:${id}`, queue, id };
  }

  /**
   * Run `default/verify-cloud` every `everyMs` (0: never). A BullMQ job scheduler, upserted by
   * id: every replica may call this at start and there is still one schedule, one job per tick.
   */
  async scheduleVerify(everyMs: number): Promise<void> {
    const queue = this.queue('default');
    if (everyMs <= 0) {
      await queue.removeJobScheduler(VERIFY_SCHEDULER);
      return;
    }
    await queue.upsertJobScheduler(
      VERIFY_SCHEDULER,
      { every: everyMs },
      { name: 'verify-cloud', data: {}, opts: jobSettings(this.definitions.default) },
    );
  }

  async counts(): Promise<Record<QueueName, QueueCounts>> {
    const out = {} as Record<QueueName, QueueCounts>;
    for (const name of queueNames) {
      const c = await this.queue(name).getJobCounts(
        'waiting',
        'prioritized',
        'active',
        'delayed',
        'completed',
        'failed',
      );
      out[name] = {
        // A job added with a priority waits in the prioritized set: both are "waiting" to a reader.
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        completed: c.completed ?? 0,
        failed: c.failed ?? 0,
      };
    }
    return out;
  }

  /** Dead jobs of every queue, newest first per queue, at most `limit` per queue. */
  async dead(limit = 100): Promise<DeadJob[]> {
    const out: DeadJob[] = [];
    for (const name of queueNames) {
      const jobs = await this.queue(name).getFailed(0, limit - 1);
      out.push(...jobs.map((job) => deadJob(name, job as Job)));
    }
    return out;
  }

  /** Run a dead job again with all its attempts. `ref` is `<queue>:<id>` as `dead()` lists it. */
  async retry(ref: string): Promise<DeadJob> {
    const match = /^([a-z-]+):(.+)$/.exec(ref.trim());
    const queue = match?.[1];
    if (!match || !queue || !(queueNames as readonly string[]).includes(queue)) {
      throw new DeadJobNotFound(
        `"${ref}" is not a dead job reference; they look like ai:17 (see \`tpj worker --dead\`).`,
      );
    }
    const name = queue as QueueName;
    const job = await this.queue(name).getJob(match[2]!);
    if (!job || !(await job.isFailed())) throw new DeadJobNotFound(`No dead job ${ref} in this workspace.`);
    const before = deadJob(name, job);
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return before;
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async close(): Promise<void> {
    for (const queue of this.queues.values()) await queue.close();
    this.connection.disconnect();
  }
}

function deadJob(queue: QueueName, job: Job): DeadJob {
  const id = String(job.id);
  return {
    ref: `${queue}:${id}`,
    queue,
    id,
    name: job.name,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    payload: job.data,
  };
}
