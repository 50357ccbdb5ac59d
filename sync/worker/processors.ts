import type { z } from 'zod';
import type { QueueName } from '../../shared/jobs/queues';
import type { JobContext } from '../../electron/core/jobs/processors';

/**
 * A cloud job's processor: the local queue's contract (same context, same payload check,
 * same `PermanentJobError` for failures no retry can fix), except that what it returns is
 * kept with the completed job in Redis, where `tpj worker` and operators can read it.
 */
export type CloudProcessor<P = unknown, R = unknown> = {
  payload?: z.ZodType<P>;
  run(job: JobContext<P>): Promise<R>;
};

/** Cloud processors by (queue, job name). */
export class CloudProcessors {
  private readonly byKey = new Map<string, CloudProcessor>();

  register<P, R>(queue: QueueName, name: string, processor: CloudProcessor<P, R>): this {
    const key = `${queue}/${name}`;
    if (this.byKey.has(key)) throw new Error(`A cloud processor for ${key} is already registered.`);
    this.byKey.set(key, processor);
    return this;
  }

  get(queue: QueueName, name: string): CloudProcessor | undefined {
    return this.byKey.get(`${queue}/${name}`);
  }

  /** `queue/name` of every registered job kind. */
  kinds(): string[] {
    return [...this.byKey.keys()];
  }
}
