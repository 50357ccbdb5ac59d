import type { Database } from 'better-sqlite3';
import type { IntegrityCheck, IntegrityReport } from '../../../shared/contract/backups';
import type { Progress } from '../backup/create';
import { lastBackupAt } from '../backup/state';
import type { Store } from '../journal/store';
import type { journalPaths } from '../paths';
import { attachmentFiles, backupFreshness, embeddingCoverage, tickCoverage } from './coverage-checks';
import {
  databaseIntegrity,
  foreignKeys,
  foreignKeysFrom,
  integrityError,
  integrityFrom,
  orphanQueries,
  orphans,
  orphansFrom,
  reusedIntegrity,
} from './database-checks';
import { answerValue, queryInWorker, type WorkerQuery } from './sql-worker';
import {
  hlcCounts,
  hlcFrom,
  hlcFutureQueries,
  hlcQueries,
  outboxSanity,
  type HlcCount,
  type HlcQuery,
} from './sync-checks';
import { tradesMatchExecutions } from './trade-checks';
import { databaseIdentity, reusedLine, type VerifiedDatabase, type VerifiedHolder } from './verified-database';
import { check } from './check';

export type IntegrityContext = {
  store: Store;
  paths: ReturnType<typeof journalPaths>;
  now: number;
  signal: AbortSignal;
  progress: Progress;
  /** A passing integrity_check of this journal from the restore or an earlier report. */
  verified: VerifiedHolder;
};

/**
 * Run every local check; `ok` is false when any check fails (warnings do not count).
 * The SQL-only checks run on another thread with their own connection while this one
 * recomputes trades from executions (the longest check, in JavaScript).
 */
export async function runIntegrityChecks(ctx: IntegrityContext): Promise<IntegrityReport> {
  const db = ctx.store.db;
  const total = 10;
  ctx.progress('checks', 0, total);
  // Taken before any check runs, so a write during them counts as a change.
  const identity = databaseIdentity(ctx.paths.database, db);
  const known = ctx.verified.current?.identity === identity ? ctx.verified.current : null;
  const offThread = sqlChecksInWorker(ctx, identity, known);
  offThread.catch(() => undefined);
  let trades: IntegrityCheck;
  let outbox: IntegrityCheck;
  try {
    const restored = known?.lines?.trades;
    trades =
      known && restored ? reusedLine(restored, known) : guarded('trades ⇄ executions', () => tradesMatchExecutions(db));
    outbox = guarded('change log', () => outboxSanity(db));
  } catch (error) {
    await offThread.catch(() => undefined);
    throw error;
  }
  ctx.progress('checks', 2, total);
  // Aborted: stop. The worker could not run at all: the same checks on this thread.
  const sql = await offThread.catch(() => {
    ctx.signal.throwIfAborted();
    return sqlChecksInThread(ctx, identity, known);
  });
  const checks: IntegrityCheck[] = [sql.integrity, sql.foreignKeys, trades, sql.orphans, sql.clocks, outbox];
  ctx.signal.throwIfAborted();
  ctx.progress('checks', checks.length, total);
  try {
    checks.push(
      await attachmentFiles(db, ctx.paths.files, ctx.signal, (d, t) => ctx.progress('attachment files', d, t)),
    );
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    checks.push(failed('attachment files', error));
  }
  const restoredTicks = known?.lines?.tickCoverage;
  checks.push(
    embeddingCoverage(),
    known && restoredTicks ? reusedLine(restoredTicks, known) : guarded('tick coverage', () => tickCoverage(db)),
    guarded('backup freshness', () => backupFreshness(lastBackupAt(db), ctx.now)),
  );
  ctx.progress('checks', total, total);
  return { checkedAt: ctx.now, ok: checks.every((c) => c.status !== 'fail'), checks };
}

type SqlChecks = {
  integrity: IntegrityCheck;
  foreignKeys: IntegrityCheck;
  orphans: IntegrityCheck;
  clocks: IntegrityCheck;
};

/**
 * Database integrity, foreign keys, orphaned links and clock stamps, in one worker over
 * a read-only connection. integrity_check is skipped when the same file already passed
 * it (`known`): right after a restore (which checked it before swapping it in) or at the
 * previous report, with nothing written since; so are foreign_key_check, the orphan
 * counts and all but the future clock stamps when the restore counted them.
 */
async function sqlChecksInWorker(
  ctx: IntegrityContext,
  identity: string,
  reuse: VerifiedDatabase | null,
): Promise<SqlChecks> {
  const db = ctx.store.db;
  const restoredKeys = reuse?.lines?.foreignKeys;
  const restoredOrphans = reuse?.lines?.orphans;
  const orphanList = restoredOrphans ? [] : orphanQueries(db);
  const hlcList = clockQueries(db, ctx.now, reuse);
  const queries: WorkerQuery[] = [
    ...(restoredKeys ? [] : [{ sql: 'PRAGMA foreign_key_check', mode: 'all' } as const]),
    ...orphanList.map((q): WorkerQuery => ({ sql: q.sql, mode: 'pluck' })),
    ...hlcList.map((q): WorkerQuery => ({ sql: q.sql, params: q.params, mode: 'pluck' })),
    ...(reuse ? [] : integrityQueries),
  ];
  const answers = await queryInWorker(ctx.paths.database, queries, ctx.signal, { readonly: true });
  let at = 0;
  const next = () => answers[at++];
  const foreignKeys =
    reuse && restoredKeys
      ? reusedLine(restoredKeys, reuse)
      : guarded('foreign keys', () => foreignKeysFrom(answerValue(next()) as { table: string }[]));
  const orphanAnswers = orphanList.map(() => next());
  const orphans =
    reuse && restoredOrphans
      ? reusedLine(restoredOrphans, reuse)
      : guarded('orphaned links', () =>
          orphansFrom(Object.fromEntries(orphanList.map((q, i) => [q.name, answerValue(orphanAnswers[i]) as number]))),
        );
  const hlcAnswers = hlcList.map(() => next());
  const clocks = guarded('clock stamps', () =>
    clockLine(
      hlcList.map((q, i) => ({ table: q.table, kind: q.kind, n: answerValue(hlcAnswers[i]) as number })),
      reuse,
    ),
  );
  let integrity: IntegrityCheck;
  if (reuse) integrity = reusedIntegrity(reuse);
  else {
    const [rows, pages] = [next(), next()];
    try {
      integrity = integrityFrom(answerValue(rows) as { integrity_check: string }[], answerValue(pages) as number);
    } catch (error) {
      integrity = integrityError(error);
    }
    remember(ctx, identity, integrity);
  }
  return { integrity, foreignKeys, orphans, clocks };
}

const integrityQueries: WorkerQuery[] = [
  { sql: 'PRAGMA integrity_check(20)', mode: 'all' },
  { sql: 'PRAGMA page_count', mode: 'pluck' },
];

/** The same checks on this thread, for when no worker could run them. */
function sqlChecksInThread(ctx: IntegrityContext, identity: string, known: VerifiedDatabase | null): SqlChecks {
  const db = ctx.store.db;
  const restored = known?.lines;
  let integrity: IntegrityCheck;
  if (known) integrity = reusedIntegrity(known);
  else {
    integrity = databaseIntegrity(ctx.paths.database);
    remember(ctx, identity, integrity);
  }
  return {
    integrity,
    foreignKeys:
      known && restored ? reusedLine(restored.foreignKeys, known) : guarded('foreign keys', () => foreignKeys(db)),
    orphans:
      known && restored?.orphans ? reusedLine(restored.orphans, known) : guarded('orphaned links', () => orphans(db)),
    clocks: guarded('clock stamps', () => clockLine(hlcCounts(db, clockQueries(db, ctx.now, known)), known)),
  };
}

/**
 * The clock-stamp counts the report takes itself: all of them, or after a restore that
 * counted rows and malformed stamps, only the future stamps, which depend on the time.
 */
function clockQueries(db: Database, now: number, reuse: VerifiedDatabase | null): HlcQuery[] {
  return reuse?.lines?.clockStamps ? hlcFutureQueries(db, now) : hlcQueries(db, now);
}

/** The clock-stamp line from the report's counts and, after a restore, the restore's. */
function clockLine(counted: HlcCount[], reuse: VerifiedDatabase | null): IntegrityCheck {
  const restored = reuse?.lines?.clockStamps;
  if (!reuse || !restored) return hlcFrom(counted);
  return reusedLine(hlcFrom([...restored, ...counted]), reuse, 'future stamps');
}

function remember(ctx: IntegrityContext, identity: string, result: IntegrityCheck): void {
  ctx.verified.current =
    result.status === 'pass' ? { identity, pages: result.counts.pages ?? 0, verifiedAt: ctx.now, by: 'report' } : null;
}

/** A check that throws (a damaged page read by the journal's connection) is a failed line, not a failed report. */
function guarded(name: string, step: () => IntegrityCheck): IntegrityCheck {
  try {
    return step();
  } catch (error) {
    return failed(name, error);
  }
}

function failed(name: string, error: unknown): IntegrityCheck {
  return check(name, 'fail', `the check could not run: ${error instanceof Error ? error.message : String(error)}`);
}
