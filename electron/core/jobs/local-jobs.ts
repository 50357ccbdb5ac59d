import type { Database } from 'better-sqlite3';
import type { JobInfo, JobsOverview, JobState } from '../../../shared/contract/jobs';
import type { QueueName } from '../../../shared/jobs/queues';
import type { EventHub } from '../events';
import type { Logger } from '../log/logger';
import { JobStore, type AddJobOptions } from './job-store';
import type { ProcessorRegistry } from './processors';
import { JobRunner } from './runner';

/** How the local queue behaves in one core. */
export type JobsOptions = {
  /** Run jobs: the desktop app and `tpj serve` do; one-shot CLI commands and most tests do not. */
  run?: boolean;
  /** Lease of a claimed job (default 30 s): how soon a killed runner's jobs are taken back. */
  leaseMs?: number;
  pollMs?: number;
  /** How long running jobs get to finish on close before they are handed back (default 5 s). */
  drainTimeoutMs?: number;
};

const EVENT_COALESCE_MS = 250;

/**
 * The local durable job queue of one open journal: add, list, retry and discard, and
 * (when asked to run) the runner. Jobs live in the journal's `jobs` table and are never synced.
 */
export class LocalJobs {
  readonly store: JobStore;
  private readonly runner: JobRunner | null;
  private readonly changedQueues = new Set<QueueName>();
  private eventTimer: NodeJS.Timeout | undefined;

  constructor(
    db: Database,
    processors: ProcessorRegistry,
    private readonly events: EventHub,
    logger: Logger,
    now: () => number,
    private readonly options: JobsOptions = {},
  ) {
    this.store = new JobStore(db, now);
    this.runner = options.run
      ? new JobRunner({
          store: this.store,
          processors,
          logger,
          onChange: (queue) => this.changed(queue),
          onProgress: (job, progress) =>
            events.emit('jobs.progress', { id: job.id, queue: job.queue, name: job.name, progress }),
          ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
          ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
        })
      : null;
    this.runner?.start();
  }

  /**
   * Queue a job. With an idempotency key, a job already waiting or running with that key
   * is returned instead (`added: false`). Callable inside `Store.mutate`: it commits with it.
   */
  add(queue: QueueName, name: string, payload: unknown, options: AddJobOptions = {}): { id: number; added: boolean } {
    const result = this.store.add(queue, name, payload, options);
    if (result.added) {
      this.changed(queue);
      this.runner?.notify();
    }
    return result;
  }

  list(filter: { state?: JobState | undefined; queue?: QueueName | undefined; limit: number }): JobsOverview {
    return { queues: this.store.summary(), jobs: this.store.list(filter) };
  }

  retry(id: number): JobInfo {
    const job = this.store.retryDead(id);
    this.changed(job.queue);
    this.runner?.notify();
    return job;
  }

  discard(id: number): { id: number; discarded: true } {
    const job = this.store.get(id);
    this.store.discardDead(id);
    if (job) this.changed(job.queue);
    return { id, discarded: true };
  }

  /** Resolves once the runner has nothing running and nothing due (at once when not running). */
  async idle(): Promise<void> {
    await this.runner?.idle();
  }

  /** Let running jobs finish (up to the drain timeout), hand back the rest. */
  async drain(timeoutMs = this.options.drainTimeoutMs ?? 5_000): Promise<void> {
    await this.runner?.drain(timeoutMs);
  }

  close(): void {
    this.runner?.close();
    clearTimeout(this.eventTimer);
    this.emitChanged();
  }

  private changed(queue: QueueName): void {
    this.changedQueues.add(queue);
    if (this.eventTimer) return;
    this.eventTimer = setTimeout(() => this.emitChanged(), EVENT_COALESCE_MS);
    this.eventTimer.unref();
  }

  private emitChanged(): void {
    this.eventTimer = undefined;
    if (this.changedQueues.size === 0) return;
    const queues = [...this.changedQueues];
    this.changedQueues.clear();
    this.events.emit('jobs.changed', { queues });
  }
}
