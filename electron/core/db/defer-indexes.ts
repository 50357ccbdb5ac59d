import type { Database } from 'better-sqlite3';

/**
 * Drop a table's secondary indexes for a bulk insert and return the function that builds
 * them again. Building an index once over the finished table sorts its rows in one pass;
 * keeping it up to date row by row costs a B-tree descent per row per index. On a first
 * import of 100k fills the 22k new trades and their eight indexes took 576-654 ms row by row
 * and 303-497 ms with seven of the indexes built afterwards (scratch trial, three runs).
 *
 * Only indexes written as CREATE INDEX are dropped (never the ones SQLite made for a
 * primary key or UNIQUE constraint, which inserts rely on); `keep` names indexes the
 * caller's own reads need meanwhile. Both calls must run inside the caller's transaction,
 * so a failure anywhere rolls the indexes back with everything else.
 */
export function dropIndexesFor(db: Database, table: string, keep: readonly string[]): () => void {
  if (!db.inTransaction) throw new Error('dropIndexesFor needs a transaction');
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
    .all(table) as { name: string; sql: string }[];
  const dropped = indexes.filter((i) => !keep.includes(i.name));
  // Names come from the schema itself, quoted as identifiers all the same.
  for (const index of dropped) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  return () => {
    if (!db.inTransaction) throw new Error('rebuild the indexes in the same transaction');
    for (const index of dropped) db.exec(index.sql);
  };
}
