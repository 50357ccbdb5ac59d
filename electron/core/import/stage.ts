import type { Database, Statement } from 'better-sqlite3';
import type { ParsedExecution } from '../../../shared/import/types';
import { uuidv7 } from '../journal/ids';

let stages = 0;

/** Up to this many staged rows are also kept in memory for the commit to group from. */
export const KEEP_IN_MEMORY_ROWS = 250_000;

/** A staged row as kept in memory: the parsed fill, its new execution id and its account label. */
export type KeptRow = { execution: ParsedExecution; id: string; label: string };

/**
 * Parsed executions wait in TEMP tables (this connection only, never synced) between
 * preview and commit. That keeps memory flat for files of any size, lets SQL count new
 * versus duplicate rows, and lets the commit copy them with one INSERT ... SELECT.
 *
 * Each import gets its own pair of tables, so dropping an import is a DROP TABLE rather
 * than a DELETE of every staged row, and no query filters by session. Rows keep the
 * file's account label; which account a label goes to lives in the small plan table and
 * is joined in, so deciding accounts never rewrites the staged rows.
 */
export class Stage {
  /** Quoted TEMP table names; made from a counter, never from input. */
  readonly rows: string;
  readonly plan: string;
  private readonly insert: Statement;
  private dropped = false;
  /** Rows the stage refused because an earlier row of this import has the same key, per file. */
  readonly repeated = new Map<number, number>();
  /**
   * Every staged row, while there are few enough: the commit groups new symbols' trades
   * from these instead of reading 100k fills back from the table. Null once too many.
   */
  kept: KeptRow[] | null = [];

  constructor(
    private readonly db: Database,
    private readonly keepRows = KEEP_IN_MEMORY_ROWS,
  ) {
    stages++;
    this.rows = `temp.import_stage_${stages}`;
    this.plan = `temp.import_plan_${stages}`;
    db.exec(`
      CREATE TABLE ${this.rows} (
        file_index INTEGER NOT NULL,
        line INTEGER NOT NULL,
        exec_id TEXT NOT NULL,
        label TEXT NOT NULL,
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
        executed_at INTEGER NOT NULL,
        -- The same fill twice in one import (overlapping files) is staged once.
        UNIQUE (label, dedupe_key)
      ) STRICT;
      CREATE TABLE ${this.plan} (label TEXT PRIMARY KEY, account_id TEXT NOT NULL) STRICT;
    `);
    this.insert = db.prepare(`
      INSERT OR IGNORE INTO ${this.rows} (file_index, line, exec_id, label, dedupe_key, broker_exec_id, order_id,
        symbol, asset_class, side, quantity, price, fee, currency, executed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  /**
   * Stage one batch of a file's rows in one transaction. Rows that name no account carry
   * `unnamed` as their label; `keyOf` gives each row its dedupe key.
   */
  write(
    rows: readonly ParsedExecution[],
    fileIndex: number,
    unnamed: string,
    keyOf: (e: ParsedExecution) => string,
  ): void {
    let repeated = 0;
    this.db.transaction(() => {
      for (const r of rows) {
        const label = r.account ?? unnamed;
        const id = uuidv7();
        const changes = this.insert.run(
          fileIndex,
          r.line,
          id,
          label,
          keyOf(r),
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
        ).changes;
        if (changes === 0) repeated++;
        else this.kept?.push({ execution: r, id, label });
      }
    })();
    if (this.kept && this.kept.length > this.keepRows) this.kept = null;
    if (repeated > 0) this.repeated.set(fileIndex, (this.repeated.get(fileIndex) ?? 0) + repeated);
  }

  /** Forget the staged rows; safe to call twice and after the database closed. */
  drop(): void {
    if (this.dropped || !this.db.open) return;
    this.dropped = true;
    this.kept = null;
    this.db.exec(`DROP TABLE IF EXISTS ${this.rows}; DROP TABLE IF EXISTS ${this.plan};`);
  }
}
