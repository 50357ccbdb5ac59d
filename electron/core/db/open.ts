import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { CoreError } from '../../../shared/contract/errors';
import { latestSchemaVersion, migrations } from './migrations';
import type { Migration } from './migrations/types';

/** Open (creating if needed) the journal database and bring its schema up to date. */
export function openJournalDb(file: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // SQLite's default page cache is 2 MB: a 100k-trade journal's working set is tens of MB,
    // and an import's staged rows live in TEMP tables. 64 MB each is a ceiling, not an
    // allocation; beyond it TEMP pages spill to a temporary file, so huge imports stay flat.
    db.pragma('cache_size = -65536');
    db.pragma('temp.cache_size = -65536');
    if (!options.readonly) migrate(db, migrations);
    else assertNotNewer(db, latestSchemaVersion);
    // Let SQLite gather planner statistics where they are missing or stale (cheap, bounded).
    db.pragma('optimize = 0x10002');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The schema version stored in the file. */
export function schemaVersionOf(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertNotNewer(db: Db, latest: number): void {
  const current = schemaVersionOf(db);
  if (current > latest) {
    throw new CoreError(
      'SCHEMA_TOO_NEW',
      `This journal was written by a newer version of Trading Path Journal (schema ${current}; this app knows ${latest}). Update the app to open it.`,
    );
  }
}

/** Apply every migration newer than the file's version, each in its own transaction. */
export function migrate(db: Db, list: readonly Migration[], target = list.length): void {
  assertNotNewer(db, list.length);
  for (const m of list) {
    if (m.version <= schemaVersionOf(db) || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
