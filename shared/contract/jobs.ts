import { z } from 'zod';
import { queueNames, type QueueName } from '../jobs/queues';
import { method } from './define';

export type JobState = 'waiting' | 'active' | 'completed' | 'dead';
export const jobStates = ['waiting', 'active', 'completed', 'dead'] as const;

/** One job of the local queue, as the UI and `tpj jobs` show it. */
export type JobInfo = {
  id: number;
  queue: QueueName;
  name: string;
  state: JobState;
  priority: number;
  /** When it may run (epoch ms); later than now for a delayed job or one waiting to retry. */
  runAt: number;
  attempts: number;
  maxAttempts: number;
  /** 0..1 while active, when the job reports it. */
  progress: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
};

/** Backlog of one queue. */
export type QueueSummary = {
  queue: QueueName;
  /** Ready to run now. */
  waiting: number;
  /** Waiting for a later time (delayed, or backing off before a retry). */
  delayed: number;
  active: number;
  dead: number;
};

export type JobsOverview = { queues: QueueSummary[]; jobs: JobInfo[] };

const jobId = z.number().int().min(1);

export const jobsContract = {
  /** Backlog per queue and the jobs in one state (all but completed when no state is given). */
  'jobs.list': method<JobsOverview>()(
    z
      .object({
        state: z.enum(jobStates).optional(),
        queue: z.enum(queueNames).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ),
  /** Run a dead job again, from its first attempt. */
  'jobs.retry': method<JobInfo>()(z.object({ id: jobId }).strict()),
  /** Forget a dead job for good. */
  'jobs.discard': method<{ id: number; discarded: true }>()(z.object({ id: jobId }).strict()),
};
