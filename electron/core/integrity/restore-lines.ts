import type { Database } from 'better-sqlite3';
import type { IntegrityCheck } from '../../../shared/contract/backups';
import { latestSchemaVersion } from '../db/migrations';
import { tickCoverageFrom, tickCoverageQueries } from './coverage-checks';
import { orphanQueries, orphansFrom } from './database-checks';
import { answerValue, type WorkerAnswer, type WorkerQuery } from './sql-worker';
import { hlcStampQueries, type HlcCount } from './sync-checks';
import type { RestoreLines } from './verified-database';

/** The restore's report lines that come from counting statements alone. */
export type CountedLines = Pick<RestoreLines, 'orphans' | 'clockStamps' | 'tickCoverage'>;

/**
 * How the restore computes the counted lines on the extracted file, beside its own checks.
 * The worker counts orphaned links (~0.33 s) after integrity_check and foreign_key_check;
 * this thread counts clock stamps and tick coverage (~0.32 s) after trades ⇄ executions,
 * so both sides grow alike. Both threads' checks on the bench journal, three runs each:
 * none of these lines 2.6–3.0 s; this split 2.7–3.0 s; the other way round 2.9–3.3 s; all
 * in the worker 3.2–3.4 s; all here 2.9–3.5 s.
 */
export type CountedLinesPlan = {
  /** Statements for the checking thread, after its own. */
  offThread: WorkerQuery[];
  /** This thread's share. */
  countHere: () => Partial<CountedLines>;
  /** The worker's share, from its answers to `offThread`. */
  fromAnswers: (answers: WorkerAnswer[]) => Partial<CountedLines>;
};

/** None of the counted lines: the report computes them itself. */
export const NO_COUNTED_LINES: CountedLines = { orphans: null, clockStamps: null, tickCoverage: null };

/**
 * The plan for a file at the latest schema; for an older one nothing (the migrations that
 * follow would make the counts stale). These lines are for the report, never a reason to
 * refuse a restore: a line whose statements cannot even be built or run is left out, and a
 * file that cannot be read at all is refused by the restore's own checks.
 */
export function planCountedLines(db: Database): CountedLinesPlan | null {
  try {
    if (db.pragma('user_version', { simple: true }) !== latestSchemaVersion) return null;
    const orphans = orphanCounting(db);
    const clockStamps = clockCounting(db);
    const tickCoverage = tickCounting(db);
    return {
      offThread: orphans.statements,
      countHere: () => ({ clockStamps: countedHere(db, clockStamps), tickCoverage: countedHere(db, tickCoverage) }),
      fromAnswers: (answers) => ({ orphans: countedFrom(orphans, answers) }),
    };
  } catch {
    return null;
  }
}

/** One line's counting statements and how its result comes from their counts, in order. */
type Counting<T> = { statements: WorkerQuery[]; result: (counts: number[]) => T };

function orphanCounting(db: Database): Counting<IntegrityCheck> {
  const queries = orphanQueries(db);
  return {
    statements: queries.map((q) => ({ sql: q.sql, mode: 'pluck' })),
    result: (counts) => orphansFrom(Object.fromEntries(queries.map((q, i) => [q.name, counts[i] ?? 0]))),
  };
}

function clockCounting(db: Database): Counting<HlcCount[]> {
  const queries = hlcStampQueries(db);
  return {
    statements: queries.map((q) => ({ sql: q.sql, params: q.params, mode: 'pluck' })),
    result: (counts) => queries.map((q, i) => ({ table: q.table, kind: q.kind, n: counts[i] ?? 0 })),
  };
}

function tickCounting(db: Database): Counting<IntegrityCheck> {
  const queries = tickCoverageQueries(db);
  return {
    statements: queries ? [queries.closed, queries.covered].map((sql) => ({ sql, mode: 'pluck' })) : [],
    result: ([closed = 0, covered = 0]) => tickCoverageFrom(queries && { closed, covered }),
  };
}

function countedHere<T>(db: Database, counting: Counting<T>): T | null {
  try {
    const counts = counting.statements.map(
      (q) =>
        db
          .prepare(q.sql)
          .pluck()
          .get(...(q.params ?? [])) as number,
    );
    return counting.result(counts);
  } catch {
    return null;
  }
}

function countedFrom<T>(counting: Counting<T>, answers: WorkerAnswer[]): T | null {
  if (answers.length !== counting.statements.length) return null;
  try {
    return counting.result(answers.map((a) => answerValue(a) as number));
  } catch {
    return null;
  }
}
