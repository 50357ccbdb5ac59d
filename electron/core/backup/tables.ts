import type { Database } from 'better-sqlite3';
import type { TableComparison } from '../../../shared/contract/backups';

/** A table name as SQL text. Names come from sqlite_schema, never from input; quoting keeps odd ones safe. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Every table of the journal, read from sqlite_schema rather than hard-coded: other
 * features add tables in their migrations and backups must count those too. SQLite's
 * own tables (sqlite_sequence, sqlite_stat*) are left out.
 */
export function tableNames(db: Database): string[] {
  return db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
}

/** Rows per table (tombstones included: a backup must keep them too). */
export function tableCounts(db: Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of tableNames(db)) {
    counts[name] = db
      .prepare(`SELECT count(*) FROM ${quoteIdent(name)}`)
      .pluck()
      .get() as number;
  }
  return counts;
}

/** Whether the database has this table. */
export function hasTable(db: Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).pluck().get(name) !== undefined;
}

/** Whether a table has a column. */
export function hasColumn(db: Database, table: string, column: string): boolean {
  const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
  return columns.includes(column);
}

/** Tables whose rows sync (they carry id, hlc, deleted_hlc and device_id). */
export function syncedTables(db: Database): string[] {
  return tableNames(db).filter((t) => ['id', 'hlc', 'deleted_hlc', 'device_id'].every((c) => hasColumn(db, t, c)));
}

/**
 * Rows per table a view would show: tombstoned rows (deleted_hlc set) left out. `raw`, the
 * tableCounts just taken on the same connection, gives the tables without tombstones
 * (ticks, outbox: the largest) without counting them a second time.
 */
export function liveTableCounts(db: Database, raw?: Record<string, number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of tableNames(db)) {
    const tombstones = hasColumn(db, name, 'deleted_hlc');
    const known = raw?.[name];
    counts[name] =
      !tombstones && known !== undefined
        ? known
        : (db
            .prepare(`SELECT count(*) FROM ${quoteIdent(name)}${tombstones ? ' WHERE deleted_hlc IS NULL' : ''}`)
            .pluck()
            .get() as number);
  }
  return counts;
}

type Counts = Record<string, number>;

/** Current and backup counts side by side (raw and live), over the union of both sides' tables. */
export function compareCounts(
  current: { raw: Counts; live: Counts | null },
  backup: { raw: Counts; live: Counts | null },
): TableComparison[] {
  const names = [...new Set([...Object.keys(current.raw), ...Object.keys(backup.raw)])].sort();
  return names.map((table) => ({
    table,
    current: current.raw[table] ?? null,
    backup: backup.raw[table] ?? null,
    currentLive: current.live?.[table] ?? null,
    backupLive: backup.live?.[table] ?? null,
  }));
}
