import type { IntegrityCheck, IntegrityReport } from '../../../shared/contract/backups';
import type { Progress } from '../backup/create';
import { lastBackupAt } from '../backup/state';
import type { Store } from '../journal/store';
import type { journalPaths } from '../paths';
import { attachmentFiles, backupFreshness, embeddingCoverage, tickCoverage } from './coverage-checks';
import { databaseIntegrity, foreignKeys, orphans } from './database-checks';
import { hlcSanity, outboxSanity } from './sync-checks';
import { tradesMatchExecutions } from './trade-checks';

export type IntegrityContext = {
  store: Store;
  paths: ReturnType<typeof journalPaths>;
  now: number;
  signal: AbortSignal;
  progress: Progress;
};

/** Run every local check; `ok` is false when any check fails (warnings do not count). */
export async function runIntegrityChecks(ctx: IntegrityContext): Promise<IntegrityReport> {
  const db = ctx.store.db;
  const steps: (() => IntegrityCheck)[] = [
    () => databaseIntegrity(db),
    () => foreignKeys(db),
    () => tradesMatchExecutions(db),
    () => orphans(db),
    () => hlcSanity(db, ctx.now),
    () => outboxSanity(db),
  ];
  const total = steps.length + 4;
  const checks: IntegrityCheck[] = [];
  for (const step of steps) {
    ctx.signal.throwIfAborted();
    ctx.progress('checks', checks.length, total);
    checks.push(step());
  }
  checks.push(await attachmentFiles(db, ctx.paths.files, ctx.signal, (d, t) => ctx.progress('attachment files', d, t)));
  checks.push(embeddingCoverage(), tickCoverage(db), backupFreshness(lastBackupAt(db), ctx.now));
  ctx.progress('checks', total, total);
  return { checkedAt: ctx.now, ok: checks.every((c) => c.status !== 'fail'), checks };
}
