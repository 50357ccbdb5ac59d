import type { Migration } from './types';

/**
 * The local durable job queue (electron/core/jobs). Local only: jobs are never synced.
 * `idempotency_key` is unique only among jobs still to run (waiting or active), so the
 * same content is never queued twice at once but may be queued again once done.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'jobs',
  up: (db) => {
    db.exec(`
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        queue TEXT NOT NULL,
        name TEXT NOT NULL,
        payload TEXT NOT NULL,
        priority INTEGER NOT NULL,
        run_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'active', 'completed', 'dead')),
        owner TEXT,
        locked_until INTEGER,
        started_at INTEGER,
        last_error TEXT,
        idempotency_key TEXT,
        progress REAL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX jobs_ready ON jobs (queue, state, priority, run_at, id);
      CREATE INDEX jobs_started ON jobs (queue, started_at) WHERE started_at IS NOT NULL;
      CREATE INDEX jobs_lease ON jobs (locked_until) WHERE state = 'active';
      CREATE UNIQUE INDEX jobs_pending_key ON jobs (queue, idempotency_key)
        WHERE idempotency_key IS NOT NULL AND state IN ('waiting', 'active');
    `);
  },
};
