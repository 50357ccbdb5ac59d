import type { Database } from 'better-sqlite3';
import type { IntegrityCheck } from '../../../shared/contract/backups';
import { DEFAULT_MAX_DRIFT_MS } from '../../../shared/domain/hlc';
import { quoteIdent, syncedTables } from '../backup/tables';
import { check, plural } from './check';

const DIGIT = '[0-9]';
/** `001732384800000-000000-<node>`: 15 digits, 6 digits, a node id of lowercase letters and digits. */
const HLC_GLOB = `${DIGIT.repeat(15)}-${DIGIT.repeat(6)}-?*`;

export type HlcQuery = { table: string; kind: 'rows' | 'malformed' | 'future'; sql: string; params: unknown[] };

/** One clock-stamp count: how many rows of a table, or of its malformed or future stamps. */
export type HlcCount = { table: string; kind: HlcQuery['kind']; n: number };

/**
 * The counting statements of the clock-stamp check, rows, malformed and future stamps per
 * synced table: every synced row's stamp should be well formed and none lie far in the
 * future, where it would win every later conflict on other devices.
 */
export function hlcQueries(db: Database, now: number): HlcQuery[] {
  return [...hlcStampQueries(db), ...hlcFutureQueries(db, now)];
}

/** Rows and malformed stamps per synced table: what the rows hold, whatever the time. */
export function hlcStampQueries(db: Database): HlcQuery[] {
  return syncedTables(db).flatMap((table): HlcQuery[] => {
    const t = quoteIdent(table);
    return [
      { table, kind: 'rows', sql: `SELECT count(*) FROM ${t}`, params: [] },
      {
        table,
        kind: 'malformed',
        sql: `SELECT count(*) FROM ${t} WHERE NOT (hlc GLOB @glob AND substr(hlc, 24) NOT GLOB '*[^0-9a-z]*' AND length(hlc) <= 55)
           OR (deleted_hlc IS NOT NULL AND NOT (deleted_hlc GLOB @glob AND substr(deleted_hlc, 24) NOT GLOB '*[^0-9a-z]*'))`,
        params: [{ glob: HLC_GLOB }],
      },
    ];
  });
}

/** Stamps more than the allowed drift past `now`, per synced table: these depend on the time of the check. */
export function hlcFutureQueries(db: Database, now: number): HlcQuery[] {
  const horizon = `${String(now + DEFAULT_MAX_DRIFT_MS).padStart(15, '0')}-999999-~`;
  return syncedTables(db).map((table) => ({
    table,
    kind: 'future',
    sql: `SELECT count(*) FROM ${quoteIdent(table)} WHERE hlc > ?`,
    params: [horizon],
  }));
}

/** Run clock-stamp counting statements on this connection. */
export function hlcCounts(db: Database, queries: HlcQuery[]): HlcCount[] {
  return queries.map(({ table, kind, sql, params }) => ({
    table,
    kind,
    n: db
      .prepare(sql)
      .pluck()
      .get(...params) as number,
  }));
}

/** The report line for the clock-stamp counts. */
export function hlcFrom(results: HlcCount[]): IntegrityCheck {
  const counts: Record<string, number> = { malformed: 0, future: 0 };
  let rows = 0;
  for (const { table, kind, n } of results) {
    if (kind === 'rows') rows += n;
    else if (n > 0) {
      counts[`${kind} in ${table}`] = n;
      counts[kind] = (counts[kind] ?? 0) + n;
    }
  }
  counts.rows = rows;
  const malformed = counts.malformed ?? 0;
  const future = counts.future ?? 0;
  if (malformed + future === 0)
    return check('clock stamps', 'pass', `${plural(rows, 'row')} with well-formed stamps`, counts);
  const parts = [
    malformed > 0 ? `${plural(malformed, 'malformed stamp')}` : '',
    future > 0 ? `${plural(future, 'stamp')} more than 5 minutes in the future (check the system clock)` : '',
  ].filter(Boolean);
  return check('clock stamps', 'fail', parts.join('; '), counts);
}

/**
 * Every change waiting to sync belongs to a row that exists (or a known table). A record
 * that stands for an import batch (`{"source": ...}`, see logExecutionsOfSource) needs at
 * least one execution from that batch.
 */
export function outboxSanity(db: Database): IntegrityCheck {
  const tables = new Set(syncedTables(db));
  const pending = db.prepare(`SELECT count(*) FROM outbox`).pluck().get() as number;
  const entities = db.prepare(`SELECT entity, count(*) AS n FROM outbox GROUP BY entity`).all() as {
    entity: string;
    n: number;
  }[];
  const counts: Record<string, number> = { pending, orphaned: 0 };
  for (const { entity, n } of entities) {
    const orphaned = tables.has(entity)
      ? (db
          .prepare(
            `SELECT count(*) FROM outbox o WHERE o.entity = ? AND CASE
               WHEN o.entity = 'executions' AND o.patch LIKE '{"source":%'
                 THEN NOT EXISTS (SELECT 1 FROM executions r WHERE r.source = o.row_id)
               ELSE NOT EXISTS (SELECT 1 FROM ${quoteIdent(entity)} r WHERE r.id = o.row_id) END`,
          )
          .pluck()
          .get(entity) as number)
      : n;
    if (orphaned > 0) counts[entity] = orphaned;
    counts.orphaned = (counts.orphaned ?? 0) + orphaned;
  }
  const orphaned = counts.orphaned ?? 0;
  return orphaned === 0
    ? check('change log', 'pass', `${plural(pending, 'change')} waiting to sync, each for a row that exists`, counts)
    : check('change log', 'fail', `${plural(orphaned, 'change')} waiting to sync for rows that do not exist`, counts);
}
