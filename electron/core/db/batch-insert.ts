import type { Database, Statement } from 'better-sqlite3';

/** Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters for any of our tables. */
const ROWS_PER_STATEMENT = 64;

/**
 * Inserts many rows into one table with multi-row `INSERT ... VALUES (...), (...)`
 * statements. Each `run` of a better-sqlite3 statement costs a native call, a reset and
 * a bind per value; on an import's 100k trade legs the per-row calls were most of the
 * time spent writing them. Rows are buffered and written by `flush` (or when a
 * statement's worth is buffered); call `flush` before anything reads the table.
 *
 * `table` and `columns` are SQL text: they come from code, never from input.
 */
export class BatchInsert {
  private readonly width: number;
  private readonly head: string;
  private full: Statement | null = null;
  private single: Statement | null = null;
  private values: unknown[] = [];

  constructor(
    private readonly db: Database,
    table: string,
    columns: readonly string[],
    private readonly rowsPerStatement = ROWS_PER_STATEMENT,
  ) {
    if (!/^[a-z0-9_.]+$/.test(table) || !columns.every((c) => /^[a-z0-9_]+$/.test(c)))
      throw new Error(`Unsafe table or column name in ${table} (${columns.join(', ')})`);
    this.width = columns.length;
    this.head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  }

  /** Queue one row; its values in the order of the columns. */
  add(...row: unknown[]): void {
    if (row.length !== this.width) throw new Error(`Expected ${this.width} values, got ${row.length}`);
    for (const value of row) this.values.push(value);
    if (this.values.length >= this.width * this.rowsPerStatement) this.flush();
  }

  /** Write every queued row. */
  flush(): void {
    const values = this.values;
    const rows = values.length / this.width;
    if (rows === 0) return;
    this.values = [];
    if (rows === this.rowsPerStatement) {
      this.full ??= this.prepare(rows);
      this.full.run(values);
      return;
    }
    // A short tail row by row: two statements per table rather than one per tail length.
    this.single ??= this.prepare(1);
    for (let at = 0; at < values.length; at += this.width) this.single.run(values.slice(at, at + this.width));
  }

  private prepare(rows: number): Statement {
    const tuple = `(${new Array<string>(this.width).fill('?').join(', ')})`;
    return this.db.prepare(this.head + new Array<string>(rows).fill(tuple).join(', '));
  }
}
