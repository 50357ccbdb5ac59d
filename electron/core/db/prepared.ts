import type { Database, Statement } from 'better-sqlite3';

const caches = new WeakMap<Database, Map<string, Statement>>();

/**
 * `db.prepare(sql)`, compiled once per connection. Preparing costs more than running a
 * small query (SQLite parses and plans the SQL each time), and a trade edit ran a dozen
 * such statements: about a fifth of its time went to `prepare`. For fixed SQL on hot
 * paths only — not for SQL built from input, which would grow the cache without bound.
 *
 * A statement is shared between callers, so its return mode is reset here: a caller that
 * wants `.pluck()` or `.raw()` says so on each use. Not for `.iterate()`: a statement that
 * is still being iterated is busy and cannot be run again until the iteration ends.
 */
export function prepared(db: Database, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  } else if (statement.reader) {
    statement.pluck(false).expand(false).raw(false);
  }
  return statement;
}
