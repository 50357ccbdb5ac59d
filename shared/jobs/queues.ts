/**
 * The job queues, defined once (DESIGN §4): the local SQLite runner in the desktop core
 * reads them, and so does the BullMQ cloud worker (sync/worker/definitions.ts). Pure data and arithmetic only.
 */

export const queueNames = ['broker-sync', 'import', 'ai', 'email', 'default'] as const;
export type QueueName = (typeof queueNames)[number];

/** How long to wait before the next attempt; BullMQ's `backoff` option, same meaning. */
export type Backoff = { type: 'exponential' | 'fixed'; delayMs: number };

/** At most `max` jobs start per `durationMs`; BullMQ's `limiter` option, same meaning. */
export type RateLimit = { max: number; durationMs: number };

export type QueueDefinition = {
  name: QueueName;
  /** Jobs of this queue running at once (per runner). */
  concurrency: number;
  rateLimit: RateLimit | null;
  /** Runs in all, the first included. */
  attempts: number;
  backoff: Backoff;
};

const minute = 60_000;

export const queueDefinitions: Readonly<Record<QueueName, QueueDefinition>> = {
  'broker-sync': {
    name: 'broker-sync',
    concurrency: 2,
    rateLimit: { max: 10, durationMs: minute },
    attempts: 5,
    backoff: { type: 'exponential', delayMs: 5000 },
  },
  import: {
    name: 'import',
    concurrency: 3,
    rateLimit: { max: 5, durationMs: minute },
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 2000 },
  },
  ai: {
    name: 'ai',
    concurrency: 5,
    rateLimit: { max: 20, durationMs: minute },
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 1000 },
  },
  email: {
    name: 'email',
    concurrency: 10,
    rateLimit: { max: 100, durationMs: minute },
    attempts: 3,
    backoff: { type: 'fixed', delayMs: 5000 },
  },
  default: {
    name: 'default',
    concurrency: 5,
    rateLimit: null,
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 1000 },
  },
};

/**
 * Job priorities: a lower number runs first, as in BullMQ (where 1 is the highest and
 * 2_097_152 the lowest), so the same number means the same thing on both runners.
 */
export const jobPriority = { high: 1, normal: 5, low: 10 } as const;
export const maxJobPriority = 2_097_152;

/** Delay before the next attempt after `attemptsMade` failed runs (1 after the first failure). */
export function backoffDelay(backoff: Backoff, attemptsMade: number): number {
  if (backoff.type === 'fixed') return backoff.delayMs;
  return Math.round(2 ** Math.max(0, attemptsMade - 1) * backoff.delayMs);
}

export function isQueueName(name: string): name is QueueName {
  return (queueNames as readonly string[]).includes(name);
}
