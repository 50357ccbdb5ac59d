import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { IntegrityCheck } from '../../../shared/contract/backups';
import { hasTable } from '../backup/tables';
import { sha256OfFile } from '../backup/hashing';
import { check, plural } from './check';

const DAY_MS = 86_400_000;

/** Every live attachment's file is in `files/` and its content still matches its hash. */
export async function attachmentFiles(
  db: Database,
  filesDir: string,
  signal: AbortSignal,
  onFile: (done: number, total: number) => void,
): Promise<IntegrityCheck> {
  const rows = db
    .prepare(`SELECT DISTINCT sha256 FROM attachments WHERE deleted_hlc IS NULL`)
    .pluck()
    .all() as string[];
  let missing = 0;
  let damaged = 0;
  for (const [index, sha256] of rows.entries()) {
    signal.throwIfAborted();
    const path = join(filesDir, sha256);
    if (!existsSync(path) || !statSync(path).isFile()) missing++;
    else if ((await sha256OfFile(path)) !== sha256) damaged++;
    onFile(index + 1, rows.length);
  }
  const counts = { files: rows.length, missing, damaged };
  if (rows.length === 0) return check('attachment files', 'n/a', 'no attachments', counts);
  if (missing + damaged === 0)
    return check('attachment files', 'pass', `${plural(rows.length, 'file')} present and intact`, counts);
  const parts = [missing && `${plural(missing, 'file')} missing`, damaged && `${plural(damaged, 'file')} damaged`];
  return check('attachment files', 'fail', `${parts.filter(Boolean).join(', ')} (restore them from a backup)`, counts);
}

/** No embedding cache exists yet, so there is nothing to cover. */
export function embeddingCoverage(): IntegrityCheck {
  return check(
    'embedding coverage',
    'n/a',
    'the embedding cache does not exist yet (similar-trade search is not built)',
  );
}

/** Share of closed trades with market data (ticks, in µs) between their open and close. */
export function tickCoverage(db: Database): IntegrityCheck {
  const queries = tickCoverageQueries(db);
  if (!queries) return tickCoverageFrom(null);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  return tickCoverageFrom({ closed: count(queries.closed), covered: count(queries.covered) });
}

export type TickCounts = { closed: number; covered: number };

/** The counting statements of tick coverage: closed trades, and those with ticks; null without a tick table. */
export function tickCoverageQueries(db: Database): Record<keyof TickCounts, string> | null {
  if (!hasTable(db, 'ticks')) return null;
  const closed = `FROM trades t WHERE t.status = 'closed' AND t.deleted_hlc IS NULL AND t.closed_at IS NOT NULL`;
  return {
    closed: `SELECT count(*) ${closed}`,
    covered: `SELECT count(*) ${closed}
         AND EXISTS (SELECT 1 FROM ticks k WHERE k.symbol = t.symbol AND k.ts BETWEEN t.opened_at * 1000 AND t.closed_at * 1000)`,
  };
}

/** The report line for tick coverage's counts; null when the journal has no tick table. */
export function tickCoverageFrom(counts: TickCounts | null): IntegrityCheck {
  if (!counts) return check('tick coverage', 'n/a', 'this journal has no tick table');
  const { closed, covered } = counts;
  if (closed === 0) return check('tick coverage', 'n/a', 'no closed trades yet', { closed });
  const share = Math.round((covered / closed) * 1000) / 10;
  // Coverage describes the data, not a fault: ticks are optional.
  return check('tick coverage', 'pass', `${share}% of closed trades have ticks (${covered} of ${closed})`, {
    closed,
    covered,
  });
}

/** How old the last good backup is. */
export function backupFreshness(lastBackupAt: number | null, now: number): IntegrityCheck {
  if (lastBackupAt === null) return check('backup freshness', 'warn', 'no backup yet: run `tpj backup`');
  const ageHours = Math.max(0, Math.round((now - lastBackupAt) / 3_600_000));
  const counts = { ageHours };
  if (now - lastBackupAt <= 2 * DAY_MS)
    return check('backup freshness', 'pass', `last backup ${ageHours} h ago`, counts);
  return check('backup freshness', 'warn', `last backup ${Math.round(ageHours / 24)} days ago`, counts);
}
