import type { Database } from 'better-sqlite3';

/** One forward-only schema step. `up` runs inside a transaction. */
export type Migration = { version: number; name: string; up: (db: Database) => void };
