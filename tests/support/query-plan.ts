import type { Database } from 'better-sqlite3';

/** SQLite's plan for `sql` as one line ("SEARCH t USING INDEX … | USE TEMP B-TREE …"), for index tests. */
export function queryPlan(db: Database, sql: string): string {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((row) => (row as { detail: string }).detail)
    .join(' | ');
}
