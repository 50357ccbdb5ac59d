import type { JobsOptions, WorkerOptions } from 'bullmq';
import { jobPriority, maxJobPriority, type QueueDefinition } from '../../shared/jobs/queues';

/** BullMQ worker settings of one queue: the shared definition's concurrency and rate limit. */
export function workerSettings(definition: QueueDefinition): Pick<WorkerOptions, 'concurrency' | 'limiter'> {
  return {
    concurrency: definition.concurrency,
    ...(definition.rateLimit
      ? { limiter: { max: definition.rateLimit.max, duration: definition.rateLimit.durationMs } }
      : {}),
  };
}

/**
 * Options of a job added to one queue: attempts and backoff from the shared definition (BullMQ's
 * exponential backoff is `2^(attempt-1) × delay`, the same formula as `backoffDelay`), and the
 * priority on the scale both runners share (lower runs first).
 */
export function jobSettings(definition: QueueDefinition, priority: number = jobPriority.normal): JobsOptions {
  if (!Number.isInteger(priority) || priority < 1 || priority > maxJobPriority) {
    throw new RangeError(`A job priority is a whole number from 1 (first) to ${maxJobPriority}, not ${priority}.`);
  }
  return {
    attempts: definition.attempts,
    backoff: { type: definition.backoff.type, delay: definition.backoff.delayMs },
    priority,
    // Completed jobs are history, not work: keep enough to inspect. Failed jobs are the
    // dead-letter list and stay until retried or removed.
    removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
    removeOnFail: false,
  };
}

const WORKSPACE = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The BullMQ key prefix of a workspace: `tpj:<workspace>`, so several traders' workers can
 * share one Redis without seeing each other's jobs. `outer` is put in front (tests, benches).
 */
export function workspacePrefix(workspaceId: string, outer = ''): string {
  // ':' separates BullMQ's key parts; a workspace containing it could read another's keys.
  if (!WORKSPACE.test(workspaceId)) {
    throw new Error(
      `The workspace id "${workspaceId}" may use only letters, digits, '.', '_' and '-' for the cloud worker.`,
    );
  }
  return `${outer}tpj:${workspaceId}`;
}
