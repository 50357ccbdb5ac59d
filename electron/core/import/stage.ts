import type { Database, Statement } from 'better-sqlite3';
import type { ParsedExecution } from '../../../shared/import/types';
import { BatchInsert } from '../db/batch-insert';
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
 *
 * Repeats within an import are found two ways. While the stage keeps its rows in memory
 * it also keeps their keys, finds repeats in memory and appends rows many to a statement
 * to a table with no index: per-row statements against a unique index were most of the
 * time a 100k-fill preview spent staging. Past that size (or when told to keep nothing)
 * the table gets its unique index and each row is inserted on its own, the index saying
 * whether it was a repeat, so memory stays flat however large the file.
 */
export class Stage {
  /** Quoted TEMP table names; made from a counter, never from input. */
  readonly rows: string;
  readonly plan: string;
  private readonly table: string;
  private insert: Statement | null = null;
  private countInFile: Statement | null = null;
  private readonly batch: BatchInsert;
  private dropped = false;
  /**
   * For the file being staged, per content digest, how many of its fills with that digest
   * came before. In memory mode every digest is here; in table mode only those seen twice.
   */
  private occurrences = new Map<string, number>();
  private occurrencesFile = -1;
  /** In memory mode: every staged `label NUL key`. Null in table mode. */
  private keys: Set<string> | null;
  /** Rows the stage refused because an earlier row of this import has the same key, per file. */
  readonly repeated = new Map<number, number>();
  /** Rows staged, per file. */
  readonly staged = new Map<number, number>();
  /** The account labels of the staged rows, in the order of each one's first row. */
  readonly labels = new Set<string>();
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
    this.table = `import_stage_${stages}`;
    this.rows = `temp.${this.table}`;
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
        executed_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE ${this.plan} (label TEXT PRIMARY KEY, account_id TEXT NOT NULL) STRICT;
    `);
    this.batch = new BatchInsert(db, this.rows, stageColumns);
    this.keys = keepRows > 0 ? new Set() : null;
    if (this.keys === null) this.useTable();
    if (keepRows <= 0) this.kept = null;
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
    // A batch bigger than the stage may keep goes to the table whole, so memory mode never
    // holds more than one allowance of keys (a whole-file parse can be one 400k-row batch).
    if (this.kept && rows.length > this.keepRows) {
      this.kept = null;
      this.useTable();
    }
    const repeated = this.db.transaction(() =>
      this.keys
        ? this.writeInMemory(rows, fileIndex, unnamed, keyOf)
        : this.writeToTable(rows, fileIndex, unnamed, keyOf),
    )();
    if (this.kept && this.kept.length > this.keepRows) {
      this.kept = null;
      this.useTable();
    }
    if (repeated > 0) this.repeated.set(fileIndex, (this.repeated.get(fileIndex) ?? 0) + repeated);
    const staged = rows.length - repeated;
    if (staged > 0) this.staged.set(fileIndex, (this.staged.get(fileIndex) ?? 0) + staged);
  }

  private writeInMemory(
    rows: readonly ParsedExecution[],
    fileIndex: number,
    unnamed: string,
    keyOf: ((e: ParsedExecution) => string) | undefined,
  ): number {
    const keys = this.keys as Set<string>;
    let repeated = 0;
    for (const r of rows) {
      const label = r.account ?? unnamed;
      let key = keyOf ? keyOf(r) : brokerKey(r);
      if (key === null) {
        const digest = contentDigest(r);
        const n = this.occurrences.get(digest) ?? 0;
        this.occurrences.set(digest, n + 1);
        key = contentKey(digest, n);
      }
      const labelled = `${label}\u0000${key}`;
      if (keys.has(labelled)) {
        repeated++;
        continue;
      }
      keys.add(labelled);
      this.labels.add(label);
      const id = uuidv7();
      this.batch.add(...stageValues(r, fileIndex, id, label, key));
      this.kept?.push({ execution: r, id, label });
    }
    this.batch.flush();
    return repeated;
  }

  private writeToTable(
    rows: readonly ParsedExecution[],
    fileIndex: number,
    unnamed: string,
    keyOf: ((e: ParsedExecution) => string) | undefined,
  ): number {
    const insert = this.insert as Statement;
    let repeated = 0;
    for (const r of rows) {
      const label = r.account ?? unnamed;
      const id = uuidv7();
      const stage = (key: string) => insert.run(stageValues(r, fileIndex, id, label, key)).changes;
      const key = keyOf ? keyOf(r) : brokerKey(r);
      const changes = key !== null ? stage(key) : this.stageByContent(r, label, fileIndex, stage);
      if (changes === 0) repeated++;
      else {
        this.labels.add(label);
        this.kept?.push({ execution: r, id, label });
      }
    }
    return repeated;
  }

  /**
   * Switch to table mode: index the keys staged so far (unique by construction) and let
   * the index find repeats from here on. The digests counted so far stay counted.
   */
  private useTable(): void {
    if (this.insert !== null) return;
    this.keys = null;
    this.db.exec(`CREATE UNIQUE INDEX temp.${this.table}_key ON ${this.table} (label, dedupe_key)`);
    this.insert = this.db.prepare(
      `INSERT OR IGNORE INTO ${this.rows} (${stageColumns.join(', ')}) VALUES (${stageColumns.map(() => '?').join(', ')})`,
    );
    this.countInFile = this.db
      .prepare(
        `SELECT count(*) FROM ${this.rows} WHERE label = ? AND dedupe_key >= ? AND dedupe_key < ? AND file_index = ?`,
      )
      .pluck();
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
      n = (this.countInFile as Statement).get(label, ...contentKeyRange(digest), fileIndex) as number;
    }
    this.occurrences.set(digest, n + 1);
    return stage(contentKey(digest, n));
  }

  /** Forget the staged rows; safe to call twice and after the database closed. */
  drop(): void {
    if (this.dropped || !this.db.open) return;
    this.dropped = true;
    this.kept = null;
    this.keys = null;
    this.db.exec(`DROP TABLE IF EXISTS ${this.rows}; DROP TABLE IF EXISTS ${this.plan};`);
  }
}

const stageColumns = [
  'file_index',
  'line',
  'exec_id',
  'label',
  'dedupe_key',
  'broker_exec_id',
  'order_id',
  'symbol',
  'asset_class',
  'side',
  'quantity',
  'price',
  'fee',
  'currency',
  'executed_at',
] as const;

function stageValues(r: ParsedExecution, fileIndex: number, id: string, label: string, key: string): unknown[] {
  return [
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
  ];
}
