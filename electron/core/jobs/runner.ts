import { randomUUID } from 'node:crypto';
import { queueDefinitions, type QueueName } from '../../../shared/jobs/queues';
import type { Logger } from '../log/logger';
import type { ClaimedJob, JobStore } from './job-store';
import { PermanentJobError, type ProcessorRegistry } from './processors';

export type RunnerOptions = {
  store: JobStore;
  processors: ProcessorRegistry;
  logger: Logger;
  /** Something about these queues changed (the core turns it into a coalesced event). */
  onChange: (queue: QueueName) => void;
  onProgress: (job: ClaimedJob, progress: number) => void;
  /** A lease not renewed for this long is taken back by the next runner (default 30 s). */
  leaseMs?: number;
  /** Longest sleep between looks at the table, for jobs added by another process (default 1 s). */
  pollMs?: number;
};

type InFlight = { job: ClaimedJob; controller: AbortController; done: Promise<void> };

const COMPLETED_KEPT_MS = 24 * 60 * 60_000;

/**
 * Runs due jobs of every queue with a processor, within each queue's concurrency and rate
 * limit. Claims are leased: the runner renews its leases while it lives, so a job whose
 * runner was killed is taken back once the lease expires (and at the next start).
 */
export class JobRunner {
  readonly owner = `${process.pid}-${randomUUID()}`;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly inFlight = new Map<number, InFlight>();
  private readonly activePerQueue = new Map<QueueName, number>();
  private finished: ClaimedJob[] = [];
  private pumpScheduled = false;
  private flushScheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private state: 'new' | 'running' | 'stopping' | 'closed' = 'new';

  constructor(private readonly options: RunnerOptions) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1_000;
  }

  /** Take back jobs left active by a runner that died, then start running. */
  start(): void {
    if (this.state !== 'new') return;
    this.state = 'running';
    const recovered = this.options.store.recoverExpired();
    if (recovered > 0) this.options.logger.warn({ recovered }, 'jobs left running by a stopped app are queued again');
    this.options.store.pruneCompleted(COMPLETED_KEPT_MS);
    this.heartbeat = setInterval(
      () => this.guard('renew job leases', () => this.keepLeases()),
      Math.max(10, Math.floor(this.leaseMs / 3)),
    );
    this.heartbeat.unref();
    this.schedulePump();
  }

  /** Look for work now (a job was just added). */
  notify(): void {
    this.schedulePump();
  }

  /** Resolves once nothing is running and nothing is due (at once when stopped); for tests and the bench. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      if (this.state !== 'running') return resolve();
      this.idleWaiters.push(resolve);
      this.schedulePump();
    });
  }

  /**
   * Stop taking jobs; give running ones `timeoutMs` to finish, then abort them and hand
   * them back to the queue, unfinished, for the next start.
   */
  async drain(timeoutMs: number): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'stopping';
    clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight.values()].map((f) => f.done)), timeout]);
    clearTimeout(timer);
    this.close();
  }

  /** Stop at once: running jobs are aborted and handed back unfinished. */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    this.guard('settle finished jobs', () => this.flush());
    const left = [...this.inFlight.values()];
    this.inFlight.clear();
    if (left.length > 0) {
      // Should this fail, the leases expire and the next start takes the jobs back.
      this.guard('hand back running jobs', () => this.options.store.release(left.map((f) => this.lease(f.job))));
      for (const f of left) f.controller.abort(new Error('The app is closing.'));
      this.options.logger.info({ jobs: left.map((f) => f.job.id) }, 'running jobs handed back to the queue');
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.state !== 'running') return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pumpSafely();
    });
  }

  /**
   * Timers and immediates must never throw: an error there would end the core's process.
   * A failed pass (the database busy past its timeout, a full disk) is logged and tried
   * again after the poll interval; unsettled jobs keep their leases until they expire.
   */
  private pumpSafely(): void {
    try {
      this.pump();
    } catch (error) {
      this.options.logger.error({ err: error }, 'the job runner could not read or claim jobs; trying again');
      if (this.state !== 'running') return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.pumpSafely(), this.pollMs);
      this.timer.unref();
    }
  }

  /** Claim what each queue may start now; sleep until the next due job or poll. */
  private pump(): void {
    if (this.state !== 'running') return;
    clearTimeout(this.timer);
    const now = Date.now();
    let wakeAt = now + this.pollMs;
    const store = this.options.store;
    // Settling finished jobs and claiming the next ones share one transaction (one commit
    // per turn instead of two); idle() must never see a finished job still marked active.
    // Jobs start only after the commit, so no processor runs inside it.
    const claimed = store.db.transaction(() => {
      this.flush();
      const jobs: ClaimedJob[] = [];
      for (const [queue, names] of this.options.processors.names()) {
        const { slots, reopensAt } = this.freeSlots(queue);
        if (reopensAt !== null) wakeAt = Math.min(wakeAt, reopensAt);
        if (slots <= 0) continue;
        const taken = store.claim(queue, this.owner, slots, this.leaseMs, names);
        jobs.push(...taken);
        if (taken.length < slots) {
          const due = store.nextDue(queue);
          // The store's clock may be injected; sleep by the distance to the due time.
          if (due !== null) wakeAt = Math.min(wakeAt, now + Math.max(0, due - store.clock()));
        }
      }
      return jobs;
    })();
    for (const job of claimed) this.execute(job);
    for (const queue of new Set(claimed.map((job) => job.queue))) this.options.onChange(queue);
    if (claimed.length === 0 && this.inFlight.size === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
    this.timer = setTimeout(() => this.pumpSafely(), Math.max(0, wakeAt - Date.now()));
    this.timer.unref();
  }

  /** How many more jobs of a queue may start now, and when a full rate window reopens. */
  private freeSlots(queue: QueueName): { slots: number; reopensAt: number | null } {
    const definition = queueDefinitions[queue];
    const slots = definition.concurrency - (this.activePerQueue.get(queue) ?? 0);
    if (slots <= 0 || definition.rateLimit === null) return { slots, reopensAt: null };
    const { max, durationMs } = definition.rateLimit;
    const recent = this.options.store.startedSince(queue, durationMs);
    const allowed = Math.min(slots, max - recent.count);
    if (allowed > 0 || recent.oldest === null) return { slots: allowed, reopensAt: null };
    const wait = recent.oldest + durationMs - this.options.store.clock();
    return { slots: 0, reopensAt: Date.now() + Math.max(1, wait) };
  }

  private execute(job: ClaimedJob): void {
    const controller = new AbortController();
    this.activePerQueue.set(job.queue, (this.activePerQueue.get(job.queue) ?? 0) + 1);
    const entry: InFlight = { job, controller, done: Promise.resolve() };
    this.inFlight.set(job.id, entry);
    entry.done = this.runOne(job, controller.signal).finally(() => {
      this.activePerQueue.set(job.queue, (this.activePerQueue.get(job.queue) ?? 1) - 1);
      this.schedulePump();
    });
  }

  private async runOne(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    try {
      const processor = this.options.processors.get(job.queue, job.name);
      if (!processor) throw new PermanentJobError(`No processor for ${job.queue}/${job.name}.`);
      const raw: unknown = JSON.parse(job.payload);
      const parsed = processor.payload ? processor.payload.safeParse(raw) : { success: true as const, data: raw };
      if (!parsed.success) throw new PermanentJobError(`The job's data is not valid: ${parsed.error.message}`);
      await processor.run({
        id: job.id,
        queue: job.queue,
        name: job.name,
        payload: parsed.data,
        attempt: job.attempt,
        maxAttempts: job.maxAttempts,
        signal,
        reportProgress: (fraction) => this.reportProgress(job, fraction),
      });
      if (!this.inFlight.delete(job.id)) return; // handed back by close(); the next run redoes it
      this.finished.push(job);
      this.scheduleFlush();
    } catch (error) {
      if (!this.inFlight.delete(job.id)) return;
      const message = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof PermanentJobError);
      const outcome = this.guard('record a failed job', () =>
        this.options.store.fail(job, this.owner, message, retryable),
      );
      this.options.logger.warn(
        { job: job.id, queue: job.queue, name: job.name, attempt: job.attempt, outcome, err: error },
        'job failed',
      );
      this.options.onChange(job.queue);
    }
  }

  private reportProgress(job: ClaimedJob, fraction: number): void {
    if (!this.inFlight.has(job.id)) return;
    const progress = Math.min(1, Math.max(0, fraction));
    if (this.options.store.setProgress(this.lease(job), progress)) this.options.onProgress(job, progress);
  }

  /** Finished jobs are marked completed together, once per turn of the event loop. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.guard('settle finished jobs', () => this.flush());
    });
  }

  private flush(): void {
    if (this.finished.length === 0) return;
    const done = this.finished;
    this.finished = [];
    this.options.store.complete(done.map((job) => this.lease(job)));
    for (const queue of new Set(done.map((job) => job.queue))) this.options.onChange(queue);
  }

  /** Renew this runner's leases, and take back jobs of a runner (another process) that stopped renewing. */
  private keepLeases(): void {
    if (this.inFlight.size > 0) this.options.store.renew(this.owner, this.leaseMs);
    const recovered = this.options.store.recoverExpired();
    if (recovered === 0) return;
    this.options.logger.warn({ recovered }, 'jobs whose runner stopped renewing its lease are queued again');
    this.schedulePump();
  }

  /** Run `fn`, logging instead of throwing: for work started by timers and settled promises. */
  private guard<T>(what: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      this.options.logger.error({ err: error }, `the job runner could not ${what}`);
      return undefined;
    }
  }

  private lease(job: ClaimedJob) {
    return { id: job.id, owner: this.owner, attempt: job.attempt };
  }
}
