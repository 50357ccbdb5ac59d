import type { IntegrityCheck, IntegrityReport } from '../../../shared/contract/backups';
import type { Progress } from '../backup/create';
import { lastBackupAt } from '../backup/state';
import type { Store } from '../journal/store';
import type { journalPaths } from '../paths';
import { attachmentFiles, backupFreshness, embeddingCoverage, tickCoverage } from './coverage-checks';
import { databaseIntegrity, foreignKeys, orphans, reusedIntegrity } from './database-checks';
import { hlcSanity, outboxSanity } from './sync-checks';
import { tradesMatchExecutions } from './trade-checks';
import { databaseIdentity, type VerifiedHolder } from './verified-database';
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

/** Run every local check; `ok` is false when any check fails (warnings do not count). */
export async function runIntegrityChecks(ctx: IntegrityContext): Promise<IntegrityReport> {
  const db = ctx.store.db;
  const steps: (() => IntegrityCheck)[] = [
    () => integrityOnce(ctx),
    () => foreignKeys(db),
    () => tradesMatchExecutions(db),
    () => orphans(db),
    () => hlcSanity(db, ctx.now),
    () => outboxSanity(db),
  ];
  const names = [
    'database integrity',
    'foreign keys',
    'trades ⇄ executions',
    'orphaned links',
    'clock stamps',
    'change log',
  ];
  const total = steps.length + 4;
  const checks: IntegrityCheck[] = [];
  for (const [i, step] of steps.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress('checks', checks.length, total);
    checks.push(guarded(names[i] ?? 'check', step));
  }
  try {
    checks.push(
      await attachmentFiles(db, ctx.paths.files, ctx.signal, (d, t) => ctx.progress('attachment files', d, t)),
    );
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    checks.push(failed('attachment files', error));
  }
  checks.push(
    embeddingCoverage(),
    guarded('tick coverage', () => tickCoverage(db)),
    guarded('backup freshness', () => backupFreshness(lastBackupAt(db), ctx.now)),
  );
  ctx.progress('checks', total, total);
  return { checkedAt: ctx.now, ok: checks.every((c) => c.status !== 'fail'), checks };
}

/**
 * PRAGMA integrity_check, unless the same file already passed it: right after a restore
 * (which checked it before swapping it in) or at the previous report, with nothing
 * written since. The identity is taken before the check, so a write during it counts.
 */
function integrityOnce(ctx: IntegrityContext): IntegrityCheck {
  const identity = databaseIdentity(ctx.paths.database, ctx.store.db);
  const known = ctx.verified.current;
  if (known?.identity === identity) return reusedIntegrity(known);
  const result = databaseIntegrity(ctx.paths.database);
  ctx.verified.current =
    result.status === 'pass' ? { identity, pages: result.counts.pages ?? 0, verifiedAt: ctx.now, by: 'report' } : null;
  return result;
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
