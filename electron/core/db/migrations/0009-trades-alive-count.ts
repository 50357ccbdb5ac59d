import type { Migration } from './types';

/**
 * The trades list answers with the journal's total, `count(*) ... WHERE deleted_hlc IS
 * NULL`. SQLite does not treat the partial trade indexes as covering that predicate, so
 * the count read every row of the table: about 100 ms of a cold start's first query at
 * 100k trades, with the whole table pulled through the page cache. An index on
 * `deleted_hlc` alone is tiny (nearly every key is NULL) and answers the count without
 * touching the table. Edits never change `deleted_hlc` except on delete, so writes do not
 * pay for it.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'trades-alive-count',
  up: (db) => {
    db.exec(`CREATE INDEX trades_alive ON trades (deleted_hlc)`);
  },
};
