import type { Database, Statement } from 'better-sqlite3';
import type { ParsedExecution } from '../../../shared/import/types';
import { uuidv7 } from '../journal/ids';
import { brokerKey, contentDigest, contentKey, contentKeyRange } from './dedupe';

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
  private readonly countInFile: Statement;
  private dropped = false;
  /** For the file being staged: digests seen more than once, and how often so far. */
  private occurrences = new Map<string, number>();
  private occurrencesFile = -1;
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
    this.countInFile = db
      .prepare(
        `SELECT count(*) FROM ${this.rows} WHERE label = ? AND dedupe_key >= ? AND dedupe_key < ? AND file_index = ?`,
      )
      .pluck();
  }

  /**
   * Stage one batch of a file's rows in one transaction. Rows that name no account carry
   * `unnamed` as their label. Each row's dedupe key is `keyOf`'s when given (manual
   * entry), else the broker's fill id, else its content digest numbered by occurrence in
   * the file (see dedupe.ts). A row whose key an earlier file of this import already
   * staged is a repeat: refused and counted.
   */
  write(
    rows: readonly ParsedExecution[],
    fileIndex: number,
    unnamed: string,
    keyOf?: (e: ParsedExecution) => string,
  ): void {
    if (fileIndex !== this.occurrencesFile) {
      this.occurrences = new Map();
      this.occurrencesFile = fileIndex;
    }
    let repeated = 0;
    this.db.transaction(() => {
      for (const r of rows) {
        const label = r.account ?? unnamed;
        const id = uuidv7();
        const stage = (key: string) =>
          this.insert.run(
            fileIndex,
            r.line,
            id,
            label,
            key,
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
        const key = keyOf ? keyOf(r) : brokerKey(r);
        const changes = key !== null ? stage(key) : this.stageByContent(r, label, fileIndex, stage);
        if (changes === 0) repeated++;
        else this.kept?.push({ execution: r, id, label });
      }
    })();
    if (this.kept && this.kept.length > this.keepRows) this.kept = null;
    if (repeated > 0) this.repeated.set(fileIndex, (this.repeated.get(fileIndex) ?? 0) + repeated);
  }

  /**
   * Stage a fill keyed by content: first as occurrence 0; when that key is taken, count
   * this file's staged fills with the same content to learn its true occurrence number
   * (remembered for the rest of the file, which only such repeats cost), and try that.
   */
  private stageByContent(r: ParsedExecution, label: string, fileIndex: number, stage: (key: string) => number): number {
    const digest = contentDigest(r);
    let n = this.occurrences.get(digest);
    if (n === undefined) {
      const changes = stage(contentKey(digest, 0));
      if (changes > 0) return changes;
      n = this.countInFile.get(label, ...contentKeyRange(digest), fileIndex) as number;
    }
    this.occurrences.set(digest, n + 1);
    return stage(contentKey(digest, n));
  }

  /** Forget the staged rows; safe to call twice and after the database closed. */
  drop(): void {
    if (this.dropped || !this.db.open) return;
    this.dropped = true;
    this.kept = null;
    this.db.exec(`DROP TABLE IF EXISTS ${this.rows}; DROP TABLE IF EXISTS ${this.plan};`);
  }
}
