import type { z } from 'zod';
import type { QueueName } from '../../../shared/jobs/queues';

/** What a processor gets for one run of one job. */
export type JobContext<P> = {
  id: number;
  queue: QueueName;
  name: string;
  /** The payload, checked against the processor's schema when it has one. */
  payload: P;
  /** 1 for the first run. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the app closes and the job did not finish within the drain timeout. */
  signal: AbortSignal;
  /** Tell the UI how far the job is, 0..1. */
  reportProgress(fraction: number): void;
};

/**
 * Runs jobs of one (queue, name). Processors must be idempotent: a job can run again
 * after a crash, a kill or a lost lease even if it had already done its work, so running
 * it twice must have the effect of running it once (upserts keyed by content, not appends).
 */
export type Processor<P = unknown> = {
  /** Checked when the job is loaded; a payload that fails it goes dead at once (no retry can fix it). */
  payload?: z.ZodType<P>;
  run(job: JobContext<P>): void | Promise<void>;
};

/** Thrown by a processor for a failure no retry can fix: the job goes dead at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Processors by (queue, name). The session owns it, so registrations outlive a restore's journal swap. */
export class ProcessorRegistry {
  private readonly byKey = new Map<string, Processor>();

  /** Register the processor for one kind of job; returns its disposer. */
  register<P>(queue: QueueName, name: string, processor: Processor<P>): () => void {
    const key = `${queue}\u0000${name}`;
    if (this.byKey.has(key)) throw new Error(`A processor for ${queue}/${name} is already registered.`);
    this.byKey.set(key, processor);
    return () => this.byKey.delete(key);
  }

  get(queue: QueueName, name: string): Processor | undefined {
    return this.byKey.get(`${queue}\u0000${name}`);
  }

  /**
   * Job names with a processor, per queue: a runner claims only these, so a job queued
   * before its processor is registered (or by a newer version) waits instead of failing.
   */
  names(): Map<QueueName, string[]> {
    const byQueue = new Map<QueueName, string[]>();
    for (const key of this.byKey.keys()) {
      const [queue, name] = key.split('\u0000') as [QueueName, string];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), name]);
    }
    return byQueue;
  }
}
