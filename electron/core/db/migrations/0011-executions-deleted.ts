import type { Migration } from './types';

/**
 * The status bar shows how many fills the journal holds. Counting live fills with
 * `WHERE deleted_hlc IS NULL` read the whole executions table (hundreds of thousands of
 * rows, 185–720 ms on the 100k-trade demo) on every `app.status`. The total row count is
 * cheap (SQLite walks its smallest index), so the status counts all fills and takes away
 * the deleted ones. This partial index holds only deleted fills: it is empty in most
 * journals, answers that second count at once, and an import's inserts never touch it.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'executions-deleted',
  up: (db) => {
    db.exec(`CREATE INDEX executions_deleted ON executions (deleted_hlc) WHERE deleted_hlc IS NOT NULL`);
  },
};
