import type { Database, Statement } from 'better-sqlite3';
import type { JobInfo, JobState, QueueSummary } from '../../../shared/contract/jobs';
import { CoreError } from '../../../shared/contract/errors';
import {
  backoffDelay,
  jobPriority,
  maxJobPriority,
  queueDefinitions,
  queueNames,
  type QueueName,
} from '../../../shared/jobs/queues';

/** How a job is added. */
export type AddJobOptions = {
  /** Lower runs first (see `jobPriority`); default normal. */
  priority?: number;
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
  /** While a job with this key is waiting or active in the queue, adding another is a no-op. */
  idempotencyKey?: string;
  /** Overrides the queue's attempts. */
  attempts?: number;
};

/** A job a runner has claimed: it holds the lease until it settles it. */
export type ClaimedJob = {
  id: number;
  queue: QueueName;
  name: string;
  payload: string;
  priority: number;
  runAt: number;
  /** This run's number, 1 for the first. */
  attempt: number;
  maxAttempts: number;
};

type JobRow = {
  id: number;
  queue: QueueName;
  name: string;
  payload: string;
  priority: number;
  run_at: number;
  attempts: number;
  max_attempts: number;
  state: JobState;
  progress: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
};

/** A claim is identified by its owner and attempt number, so a stale runner cannot settle a job run again since. */
type Lease = { id: number; owner: string; attempt: number };

/**
 * The jobs table: every read and write of the local queue, each one SQL statement (or
 * one transaction), so several runners on one database never run a job twice at once.
 * Statements use the journal's own connection: `add` inside `Store.mutate` commits with it.
 */
export class JobStore {
  private readonly sql: Record<
    | 'insert'
    | 'byKey'
    | 'claim'
    | 'complete'
    | 'retry'
    | 'bury'
    | 'release'
    | 'renew'
    | 'progress'
    | 'startedSince'
    | 'nextDue',
    Statement
  >;

  constructor(
    readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {
    const mine = `id = @id AND owner = @owner AND attempts = @attempt AND state = 'active'`;
    this.sql = {
      insert: db.prepare(
        `INSERT INTO jobs (queue, name, payload, priority, run_at, max_attempts, state, idempotency_key, created_at, updated_at)
         VALUES (@queue, @name, @payload, @priority, @runAt, @maxAttempts, 'waiting', @key, @now, @now)
         ON CONFLICT DO NOTHING RETURNING id`,
      ),
      byKey: db.prepare(
        `SELECT id FROM jobs WHERE queue = ? AND idempotency_key = ? AND state IN ('waiting', 'active')`,
      ),
      // One statement picks and takes the jobs: SQLite runs it under its write lock, so
      // no other runner can take the same rows between the SELECT and the UPDATE.
      claim: db.prepare(
        `UPDATE jobs SET state = 'active', owner = @owner, locked_until = @until, started_at = @now,
                attempts = attempts + 1, progress = NULL, updated_at = @now
         WHERE id IN (SELECT id FROM jobs WHERE queue = @queue AND state = 'waiting' AND run_at <= @now
                        AND (@names IS NULL OR name IN (SELECT value FROM json_each(@names)))
                      ORDER BY priority, run_at, id LIMIT @limit)
         RETURNING id, queue, name, payload, priority, run_at AS runAt, attempts AS attempt, max_attempts AS maxAttempts`,
      ),
      complete: db.prepare(
        `UPDATE jobs SET state = 'completed', owner = NULL, locked_until = NULL, progress = 1, updated_at = @now WHERE ${mine}`,
      ),
      retry: db.prepare(
        `UPDATE jobs SET state = 'waiting', owner = NULL, locked_until = NULL, run_at = @runAt, last_error = @error,
                updated_at = @now WHERE ${mine}`,
      ),
      bury: db.prepare(
        `UPDATE jobs SET state = 'dead', owner = NULL, locked_until = NULL, last_error = @error, updated_at = @now WHERE ${mine}`,
      ),
      // Handing a job back unfinished (drain on close) does not use up one of its attempts.
      release: db.prepare(
        `UPDATE jobs SET state = 'waiting', owner = NULL, locked_until = NULL, attempts = attempts - 1,
                progress = NULL, updated_at = @now WHERE ${mine}`,
      ),
      renew: db.prepare(`UPDATE jobs SET locked_until = @until WHERE owner = @owner AND state = 'active'`),
      progress: db.prepare(`UPDATE jobs SET progress = @progress WHERE ${mine}`),
      startedSince: db.prepare(
        `SELECT count(*) AS count, min(started_at) AS oldest FROM jobs WHERE queue = ? AND started_at > ?`,
      ),
      nextDue: db.prepare(`SELECT min(run_at) FROM jobs WHERE queue = ? AND state = 'waiting'`).pluck(),
    };
  }

  /** The queue's clock (injected in tests). */
  clock(): number {
    return this.now();
  }

  /** Queue a job; returns its id, or the id of the job already waiting with the same idempotency key. */
  add(queue: QueueName, name: string, payload: unknown, options: AddJobOptions = {}): { id: number; added: boolean } {
    const now = this.now();
    const priority = options.priority ?? jobPriority.normal;
    if (!Number.isInteger(priority) || priority < 0 || priority > maxJobPriority) {
      throw new CoreError('INVALID_INPUT', `A job priority is a whole number from 0 to ${maxJobPriority}.`);
    }
    const key = options.idempotencyKey ?? null;
    const row = this.sql.insert.get({
      queue,
      name,
      payload: JSON.stringify(payload ?? null),
      priority,
      runAt: now + Math.max(0, options.delayMs ?? 0),
      maxAttempts: options.attempts ?? queueDefinitions[queue].attempts,
      key,
      now,
    }) as { id: number } | undefined;
    if (row) return { id: row.id, added: true };
    const existing = this.sql.byKey.get(queue, key) as { id: number } | undefined;
    if (!existing) throw new CoreError('CONFLICT', 'The job could not be queued.');
    return { id: existing.id, added: false };
  }

  /**
   * Take up to `limit` jobs of a queue that are due, best priority first, then oldest;
   * only jobs named in `names` when given (the ones this runner has processors for).
   */
  claim(queue: QueueName, owner: string, limit: number, leaseMs: number, names?: readonly string[]): ClaimedJob[] {
    if (limit <= 0) return [];
    const now = this.now();
    const jobs = this.sql.claim.all({
      queue,
      owner,
      limit,
      now,
      until: now + leaseMs,
      names: names ? JSON.stringify(names) : null,
    }) as ClaimedJob[];
    // RETURNING gives no order; run them in the order they were picked.
    return jobs.sort((a, b) => a.priority - b.priority || a.runAt - b.runAt || a.id - b.id);
  }

  /** Mark finished jobs completed, in one transaction (they are settled in batches). */
  complete(leases: readonly Lease[]): void {
    const now = this.now();
    this.db.transaction(() => {
      for (const lease of leases) this.sql.complete.run({ ...lease, now });
    })();
  }

  /** A run failed: back to waiting after the queue's backoff, or dead when out of attempts. */
  fail(job: ClaimedJob, owner: string, error: string, retryable = true): 'retry' | 'dead' {
    const lease = { id: job.id, owner, attempt: job.attempt, now: this.now(), error: error.slice(0, 2000) };
    if (retryable && job.attempt < job.maxAttempts) {
      const delay = backoffDelay(queueDefinitions[job.queue].backoff, job.attempt);
      this.sql.retry.run({ ...lease, runAt: lease.now + delay });
      return 'retry';
    }
    this.sql.bury.run(lease);
    return 'dead';
  }

  /** Hand unfinished jobs back to the queue, as if they had not started. */
  release(leases: readonly Lease[]): void {
    const now = this.now();
    this.db.transaction(() => {
      for (const lease of leases) this.sql.release.run({ ...lease, now });
    })();
  }

  /** Extend the leases of every job this owner runs; returns how many it holds. */
  renew(owner: string, leaseMs: number): number {
    return this.sql.renew.run({ owner, until: this.now() + leaseMs }).changes;
  }

  setProgress(lease: Lease, progress: number): boolean {
    return this.sql.progress.run({ ...lease, progress }).changes > 0;
  }

  /**
   * Jobs whose runner stopped without settling them (killed, crashed, hung past its lease)
   * go back to waiting; one that has already used every attempt this way is dead.
   */
  recoverExpired(): number {
    const now = this.now();
    return this.db.transaction(() => {
      const buried = this.db
        .prepare(
          `UPDATE jobs SET state = 'dead', owner = NULL, locked_until = NULL, updated_at = @now,
                  last_error = 'The app stopped while this job was running, on every attempt.'
           WHERE state = 'active' AND locked_until < @now AND attempts >= max_attempts`,
        )
        .run({ now }).changes;
      const requeued = this.db
        .prepare(
          `UPDATE jobs SET state = 'waiting', owner = NULL, locked_until = NULL, progress = NULL, updated_at = @now
           WHERE state = 'active' AND locked_until < @now`,
        )
        .run({ now }).changes;
      return buried + requeued;
    })();
  }

  /** How many jobs of a queue started within the last `windowMs`, and when the oldest of them did. */
  startedSince(queue: QueueName, windowMs: number): { count: number; oldest: number | null } {
    return this.sql.startedSince.get(queue, this.now() - windowMs) as { count: number; oldest: number | null };
  }

  /** When the next waiting job of a queue becomes due (epoch ms), if any. */
  nextDue(queue: QueueName): number | null {
    return this.db.prepare(`SELECT min(run_at) FROM jobs WHERE queue = ? AND state = 'waiting'`).pluck().get(queue) as
      number | null;
  }

  /** Backlog of every queue. */
  summary(): QueueSummary[] {
    const rows = this.db
      .prepare(
        `SELECT queue, sum(state = 'waiting' AND run_at <= @now) AS waiting, sum(state = 'waiting' AND run_at > @now) AS delayed,
                sum(state = 'active') AS active, sum(state = 'dead') AS dead
         FROM jobs WHERE state != 'completed' GROUP BY queue`,
      )
      .all({ now: this.now() }) as QueueSummary[];
    const byQueue = new Map(rows.map((r) => [r.queue, r]));
    return queueNames.map((queue) => byQueue.get(queue) ?? { queue, waiting: 0, delayed: 0, active: 0, dead: 0 });
  }

  /** Jobs in one state (or all not completed), newest first. */
  list(filter: { state?: JobState | undefined; queue?: QueueName | undefined; limit: number }): JobInfo[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM jobs
         WHERE (@state IS NULL AND state != 'completed' OR state = @state) AND (@queue IS NULL OR queue = @queue)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ state: filter.state ?? null, queue: filter.queue ?? null, limit: filter.limit }) as JobRow[];
    return rows.map(toInfo);
  }

  get(id: number): JobInfo | null {
    const row = this.db.prepare(`SELECT * FROM jobs WHERE id = ?`).get(id) as JobRow | undefined;
    return row ? toInfo(row) : null;
  }

  /** Give a dead job all its attempts again, to run now. */
  retryDead(id: number): JobInfo {
    this.requireDead(id);
    const now = this.now();
    try {
      this.db
        .prepare(
          `UPDATE jobs SET state = 'waiting', attempts = 0, run_at = @now, progress = NULL, updated_at = @now WHERE id = @id`,
        )
        .run({ id, now });
    } catch (error) {
      if (error instanceof Error && /UNIQUE/.test(error.message)) {
        throw new CoreError('CONFLICT', `Job ${id} is already queued again (the same work is waiting to run).`);
      }
      throw error;
    }
    return this.get(id) as JobInfo;
  }

  /** Delete a dead job. */
  discardDead(id: number): void {
    this.requireDead(id);
    this.db.prepare(`DELETE FROM jobs WHERE id = ? AND state = 'dead'`).run(id);
  }

  /** Forget completed jobs older than `ageMs` (they only serve the rate limit and a glance back). */
  pruneCompleted(ageMs: number): number {
    return this.db.prepare(`DELETE FROM jobs WHERE state = 'completed' AND updated_at < ?`).run(this.now() - ageMs)
      .changes;
  }

  private requireDead(id: number): void {
    const job = this.get(id);
    if (!job) throw new CoreError('NOT_FOUND', `There is no job ${id}.`);
    if (job.state !== 'dead') {
      throw new CoreError(
        'CONFLICT',
        `Job ${id} is ${job.state}; only jobs that failed for good can be retried or discarded.`,
      );
    }
  }
}

function toInfo(row: JobRow): JobInfo {
  return {
    id: row.id,
    queue: row.queue,
    name: row.name,
    state: row.state,
    priority: row.priority,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    progress: row.progress,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
