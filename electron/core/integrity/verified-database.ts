import { statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { IntegrityCheck } from '../../../shared/contract/backups';
import type { HlcCount } from './sync-checks';

/**
 * A passing PRAGMA integrity_check, remembered with the identity of the database it
 * covered, so the integrity report after a restore does not pay for the same check again.
 * Kept in memory only: writing it into the journal would change what it describes.
 */
export type VerifiedDatabase = {
  identity: string;
  pages: number;
  verifiedAt: number;
  /** What ran the check: the restore (before it swapped the file in) or an earlier report. */
  by: 'restore' | 'report';
  /**
   * Report lines the restore computed on the very rows now in the journal, reused while the
   * identity holds. Only when preparing the file ran no migration: device id, sync reset
   * and tick upload marks touch none of the rows these lines read (the outbox is emptied,
   * and the change-log check runs afresh), and no foreign key leads to or from the tables
   * it changes.
   */
  lines?: RestoreLines;
};

/**
 * The restore's results for report lines other than database integrity. A null line could
 * not be computed during the restore (it never refuses one); the report computes it itself.
 */
export type RestoreLines = {
  foreignKeys: IntegrityCheck;
  trades: IntegrityCheck | null;
  orphans: IntegrityCheck | null;
  /** Rows and malformed stamps per synced table. Future stamps depend on the time: the report counts those. */
  clockStamps: HlcCount[] | null;
  tickCoverage: IntegrityCheck | null;
};

/** The last passing check of the open journal, if any; null forgets it. */
export type VerifiedHolder = { current: VerifiedDatabase | null };

/**
 * Everything that changes when the journal's bytes change: device, inode, size, mtime and
 * ctime (to the nanosecond) of journal.sqlite, the same but ctime of its WAL, plus this connection's own
 * write count and SQLite's data_version (bumped by commits from other connections). Any
 * write through SQLite, and any outside edit of either file, gives another identity (an
 * outside tool cannot set ctime back). On file systems with coarse timestamps a same-size
 * outside edit within one tick would go unseen; the journal lives on the local disk.
 */
export function databaseIdentity(file: string, db: Database): string {
  const stamp = (path: string, withCtime: boolean) => {
    try {
      const s = statSync(path, { bigint: true });
      return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}${withCtime ? `:${s.ctimeNs}` : ''}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
      throw error;
    }
  };
  const writes = db.prepare(`SELECT total_changes()`).pluck().get() as number;
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  // Not the WAL's ctime: every connection SQLite opens may chown it (when run as root).
  return `${stamp(file, true)}|${stamp(`${file}-wal`, false)}|${writes}|${dataVersion}`;
}

/**
 * A line the restore computed, as the report shows it: its result, marked as reused.
 * `checkedNow` names a part of it the report counted itself.
 */
export function reusedLine(line: IntegrityCheck, verified: VerifiedDatabase, checkedNow?: string): IntegrityCheck {
  const when = new Date(verified.verifiedAt).toISOString();
  const now = checkedNow ? `; ${checkedNow} checked now` : '';
  return {
    ...line,
    detail: `${line.detail} (checked by the restore at ${when}; unchanged since${now})`,
    counts: { ...line.counts, reused: 1 },
  };
}
