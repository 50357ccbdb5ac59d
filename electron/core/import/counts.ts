import type { Database } from 'better-sqlite3';
import type { PreviewTrade } from '../../../shared/contract';
import { groupExecutionsIntoTrades, type EngineExecution } from '../../../shared/domain/pnl';

/** Per file: staged rows, and how many are already in the journal or repeat an earlier staged row. */
export function stagedCounts(db: Database, session: string): Map<number, { total: number; duplicate: number }> {
  const rows = db
    .prepare(
      `SELECT s.file_index AS file, count(*) AS total,
         sum(CASE WHEN EXISTS (SELECT 1 FROM executions e WHERE e.account_id = s.account_id AND e.dedupe_key = s.dedupe_key)
                    OR s.rowid > (SELECT min(t.rowid) FROM temp.import_stage t
                                  WHERE t.session = s.session AND t.account_id = s.account_id AND t.dedupe_key = s.dedupe_key)
                  THEN 1 ELSE 0 END) AS duplicate
       FROM temp.import_stage s WHERE s.session = ? GROUP BY s.file_index`,
    )
    .all(session) as { file: number; total: number; duplicate: number }[];
  return new Map(rows.map((r) => [r.file, { total: r.total, duplicate: r.duplicate }]));
}

const PREVIEW_ROWS = 5000;

/** The first round trips the new rows make on their own (a preview; the commit also folds in earlier fills). */
export function previewTrades(db: Database, session: string, names: Map<string, string>): PreviewTrade[] {
  const executions = db
    .prepare(
      `SELECT exec_id AS id, account_id AS accountId, symbol, asset_class AS assetClass, side, quantity, price, fee,
              coalesce(currency, 'USD') AS currency, executed_at AS executedAt
       FROM temp.import_stage s WHERE session = ?
         AND NOT EXISTS (SELECT 1 FROM executions e WHERE e.account_id = s.account_id AND e.dedupe_key = s.dedupe_key)
       ORDER BY executed_at LIMIT ${PREVIEW_ROWS}`,
    )
    .all(session) as EngineExecution[];
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
