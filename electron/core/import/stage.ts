import type { Database, Statement } from 'better-sqlite3';
import type { ParsedExecution } from '../../../shared/import/types';

/**
 * Parsed executions wait in a TEMP table (this connection only, never synced) between
 * preview and commit. That keeps memory flat for files of any size, lets SQL count new
 * versus duplicate rows, and lets the commit copy them with one INSERT ... SELECT.
 */
export function ensureStageTable(db: Database): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS import_stage (
      session TEXT NOT NULL,
      file_index INTEGER NOT NULL,
      line INTEGER NOT NULL,
      exec_id TEXT NOT NULL,
      mutation_id TEXT NOT NULL,
      label TEXT NOT NULL,
      account_id TEXT,
      dedupe_key TEXT NOT NULL,
      broker_exec_id TEXT,
      order_id TEXT,
      symbol TEXT NOT NULL,
      asset_class TEXT NOT NULL,
      side TEXT NOT NULL,
      quantity TEXT NOT NULL,
      price TEXT NOT NULL,
      fee TEXT NOT NULL,
      currency TEXT,
      executed_at INTEGER NOT NULL
    ) STRICT;
    -- Without account_id: accounts are assigned after staging, and an index holding it
    -- made that one UPDATE rewrite every index entry (1.1 s of a 100k-row import).
    CREATE INDEX IF NOT EXISTS temp.import_stage_by_key ON import_stage (session, dedupe_key);
    CREATE TABLE IF NOT EXISTS temp.import_plan (
      session TEXT NOT NULL,
      label TEXT NOT NULL,
      account_id TEXT NOT NULL,
      PRIMARY KEY (session, label)
    ) STRICT;
  `);
}

/** One staged row: the parsed fill plus what the import decided about it. */
export type StagedExecution = ParsedExecution & {
  fileIndex: number;
  execId: string;
  mutationId: string;
  dedupeKey: string;
};

/** Writes staged rows in one transaction per batch (the TEMP database only). */
export class StageWriter {
  private readonly insert: Statement;

  constructor(
    private readonly db: Database,
    private readonly session: string,
  ) {
    ensureStageTable(db);
    this.insert = db.prepare(`
      INSERT INTO import_stage (session, file_index, line, exec_id, mutation_id, label, dedupe_key, broker_exec_id,
        order_id, symbol, asset_class, side, quantity, price, fee, currency, executed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  write(rows: readonly StagedExecution[]): void {
    this.db.transaction(() => {
      for (const r of rows) {
        this.insert.run(
          this.session,
          r.fileIndex,
          r.line,
          r.execId,
          r.mutationId,
          r.account ?? '',
          r.dedupeKey,
          r.brokerExecId,
          r.orderId,
          r.symbol,
          r.assetClass,
          r.side,
          r.quantity,
          r.price,
          r.fee,
          r.currency,
          r.executedAt,
        );
      }
    })();
  }
}

/** Forget a session's staged rows. */
export function dropStage(db: Database, session: string): void {
  if (!db.open) return;
  db.prepare(`DELETE FROM temp.import_stage WHERE session = ?`).run(session);
  db.prepare(`DELETE FROM temp.import_plan WHERE session = ?`).run(session);
}
