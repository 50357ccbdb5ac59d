import BetterSqlite, { type Database } from 'better-sqlite3';
import type { IntegrityCheck } from '../../../shared/contract/backups';
import { hasColumn, hasTable } from '../backup/tables';
import { check, plural } from './check';
import type { VerifiedDatabase } from './verified-database';

/**
 * SQLite's own full check of every page and index, on a connection of its own: the
 * journal's connection may hold pages in its cache that no longer match the file.
 */
export function databaseIntegrity(file: string): IntegrityCheck {
  let db: Database;
  try {
    db = new BetterSqlite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return check('database integrity', 'fail', `journal.sqlite cannot be opened: ${messageOf(error)}`, { problems: 1 });
  }
  try {
    const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
    return integrityFrom(rows, db.pragma('page_count', { simple: true }) as number);
  } catch (error) {
    return integrityError(error);
  } finally {
    db.close();
  }
}

/** The report line for integrity_check's rows ("ok" alone, or the problems found). */
export function integrityFrom(result: { integrity_check: string }[], pages: number): IntegrityCheck {
  const rows = result.map((r) => r.integrity_check);
  return rows.length === 1 && rows[0] === 'ok'
    ? check('database integrity', 'pass', `journal.sqlite passes integrity_check (${plural(pages, 'page')})`, { pages })
    : check('database integrity', 'fail', `integrity_check: ${rows.slice(0, 3).join('; ')}`, { problems: rows.length });
}

/** A damaged file can make integrity_check itself fail. */
export function integrityError(error: unknown): IntegrityCheck {
  return check('database integrity', 'fail', `journal.sqlite is damaged: ${messageOf(error)}`, { problems: 1 });
}

/** The check a restore (or an earlier report) already passed, while the file is unchanged. */
export function reusedIntegrity(verified: VerifiedDatabase): IntegrityCheck {
  const when = new Date(verified.verifiedAt).toISOString();
  const by = verified.by === 'restore' ? 'by the restore' : 'by the previous report';
  return check(
    'database integrity',
    'pass',
    `journal.sqlite passed integrity_check ${by} at ${when} and is unchanged since (${plural(verified.pages, 'page')})`,
    { pages: verified.pages, reused: 1 },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every reference points at a row that exists. */
export function foreignKeys(db: Database): IntegrityCheck {
  return foreignKeysFrom(db.pragma('foreign_key_check') as { table: string }[]);
}

/** The report line for PRAGMA foreign_key_check's rows. */
export function foreignKeysFrom(broken: { table: string }[]): IntegrityCheck {
  const byTable: Record<string, number> = {};
  for (const b of broken) byTable[b.table] = (byTable[b.table] ?? 0) + 1;
  return broken.length === 0
    ? check('foreign keys', 'pass', 'no broken references', { broken: 0 })
    : check(
        'foreign keys',
        'fail',
        `${plural(broken.length, 'broken reference')} in ${Object.keys(byTable).join(', ')}`,
        { broken: broken.length, ...byTable },
      );
}

type Link = { name: string; table: string; column: string; parent: string };

/** Live links whose other end was deleted: hidden from every view, and noise for sync. */
const links: Link[] = [
  { name: 'tag links to deleted trades', table: 'trade_tags', column: 'trade_id', parent: 'trades' },
  { name: 'tag links to deleted tags', table: 'trade_tags', column: 'tag_id', parent: 'tags' },
  { name: 'journal entries of deleted trades', table: 'journal_entries', column: 'trade_id', parent: 'trades' },
  { name: 'attachments of deleted trades', table: 'attachments', column: 'trade_id', parent: 'trades' },
  {
    name: 'attachments of deleted journal entries',
    table: 'attachments',
    column: 'journal_entry_id',
    parent: 'journal_entries',
  },
];

/** Tag links, journal entries and attachments still alive while what they belong to is deleted. */
export function orphans(db: Database): IntegrityCheck {
  const counts: Record<string, number> = {};
  for (const q of orphanQueries(db)) counts[q.name] = db.prepare(q.sql).pluck().get() as number;
  return orphansFrom(counts);
}

/** The counting statements of the orphans check, one per link this journal's schema has. */
export function orphanQueries(db: Database): { name: string; sql: string }[] {
  const queries: { name: string; sql: string }[] = [];
  for (const l of links) {
    if (!hasTable(db, l.table) || !hasTable(db, l.parent) || !hasColumn(db, l.table, l.column)) continue;
    // Names come from the fixed list above, never from input.
    queries.push({
      name: l.name,
      sql: `SELECT count(*) FROM ${l.table} c WHERE c.deleted_hlc IS NULL AND c.${l.column} IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM ${l.parent} p WHERE p.id = c.${l.column} AND p.deleted_hlc IS NULL)`,
    });
  }
  if (hasTable(db, 'trade_legs')) {
    // Legs carry no foreign keys (schema 5): one that names a gone trade or fill is stray.
    queries.push({
      name: 'trade legs',
      sql: `SELECT count(*) FROM trade_legs l
         WHERE NOT EXISTS (SELECT 1 FROM trades t WHERE t.id = l.trade_id AND t.deleted_hlc IS NULL)
            OR NOT EXISTS (SELECT 1 FROM executions e WHERE e.id = l.execution_id)`,
    });
  }
  return queries;
}

/** The report line for the orphans counts, by link name. */
export function orphansFrom(counts: Record<string, number>): IntegrityCheck {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (total === 0)
    return check(
      'orphaned links',
      'pass',
      'tags, journal entries, attachments and trade legs all belong to live rows',
      counts,
    );
  const worst = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ');
  return check('orphaned links', 'warn', worst, counts);
}
