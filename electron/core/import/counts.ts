import type { Database } from 'better-sqlite3';
import type { PreviewTrade } from '../../../shared/contract';
import { groupExecutionsIntoTrades, type EngineExecution } from '../../../shared/domain/pnl';
import type { Stage } from './stage';

/** Per file: staged rows, and how many are already in the journal or repeat an earlier row of this import. */
export function stagedCounts(db: Database, stage: Stage): Map<number, { total: number; duplicate: number }> {
  // Into accounts with no fills yet (a first import, a new account) nothing can be a duplicate.
  const rows = !planHasFills(db, stage)
    ? [...stage.staged].map(([file, total]) => ({ file, total, duplicate: 0 }))
    : (db
        .prepare(
          `SELECT s.file_index AS file, count(*) AS total,
         sum(EXISTS (SELECT 1 FROM executions e WHERE e.account_id = p.account_id AND e.dedupe_key = s.dedupe_key)) AS duplicate
       FROM ${stage.rows} s LEFT JOIN ${stage.plan} p ON p.label = s.label GROUP BY s.file_index`,
        )
        .all() as { file: number; total: number; duplicate: number }[]);
  const counts = new Map(rows.map((r) => [r.file, { total: r.total, duplicate: r.duplicate }]));
  for (const [file, repeated] of stage.repeated) {
    const c = counts.get(file) ?? { total: 0, duplicate: 0 };
    counts.set(file, { total: c.total + repeated, duplicate: c.duplicate + repeated });
  }
  return counts;
}

const PREVIEW_ROWS = 5000;

/** The first round trips the new rows make on their own (a preview; the commit also folds in earlier fills). */
export function previewTrades(db: Database, stage: Stage, names: Map<string, string>): PreviewTrade[] {
  const executions = db
    .prepare(
      `SELECT exec_id AS id, p.account_id AS accountId, symbol, asset_class AS assetClass, side, quantity, price, fee,
              coalesce(currency, 'USD') AS currency, executed_at AS executedAt
       FROM ${stage.rows} s JOIN ${stage.plan} p ON p.label = s.label
       ${planHasFills(db, stage) ? 'WHERE NOT EXISTS (SELECT 1 FROM executions e WHERE e.account_id = p.account_id AND e.dedupe_key = s.dedupe_key)' : ''}
       ORDER BY executed_at LIMIT ${PREVIEW_ROWS}`,
    )
    .all() as EngineExecution[];
  return groupExecutionsIntoTrades(executions)
    .trades.slice(0, 20)
    .map((t) => ({
      account: names.get(t.accountId) ?? '',
      symbol: t.symbol,
      side: t.side,
      status: t.status,
      openedAt: t.openedAt,
      closedAt: t.closedAt,
      quantity: t.quantity,
      entryPrice: t.entryPrice,
      exitPrice: t.exitPrice,
      netPnl: t.netPnl,
    }));
}

/** True when an account the import goes to already holds fills, so staged rows may be duplicates. */
function planHasFills(db: Database, stage: Stage): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM ${stage.plan} p WHERE EXISTS (SELECT 1 FROM executions e WHERE e.account_id = p.account_id)`,
      )
      .get() !== undefined
  );
}
