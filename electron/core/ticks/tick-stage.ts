import type { Database } from 'better-sqlite3';
import type { ParsedBar, ParsedTick } from '../../../shared/ticks/market-csv';

let stages = 0;

/** Bar length used when a file holds a single bar of a symbol (no gap to judge it by). */
export const DEFAULT_BAR_PERIOD_MS = 60_000;

/**
 * A market data file's rows in TEMP tables of this connection while it is read, so a large
 * file never sits in memory and nothing reaches the journal until `commit`, which moves
 * them in one transaction. Dropped by `dispose`.
 */
export class TickStage {
  private readonly ticks: string;
  private readonly bars: string;
  rows = 0;
  from: number | null = null;
  to: number | null = null;
  readonly symbols = new Set<string>();

  constructor(private readonly db: Database) {
    stages++;
    this.ticks = `temp.tick_stage_${stages}`;
    this.bars = `temp.bar_stage_${stages}`;
    db.exec(`
      CREATE TABLE ${this.ticks} (n INTEGER PRIMARY KEY, symbol TEXT NOT NULL, ts INTEGER NOT NULL, price REAL NOT NULL, size REAL NOT NULL);
      CREATE TABLE ${this.bars} (n INTEGER PRIMARY KEY, symbol TEXT NOT NULL, ts INTEGER NOT NULL,
        open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL);
    `);
  }

  /** Stage one block's rows (one TEMP transaction). */
  add(ticks: readonly ParsedTick[], bars: readonly ParsedBar[]): void {
    const tick = this.db.prepare(`INSERT INTO ${this.ticks} (symbol, ts, price, size) VALUES (?, ?, ?, ?)`);
    const bar = this.db.prepare(
      `INSERT INTO ${this.bars} (symbol, ts, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const t of ticks) {
        tick.run(t.symbol, t.ts, t.price, t.size);
        this.note(t.symbol, Math.floor(t.ts / 1000));
      }
      for (const b of bars) {
        bar.run(b.symbol, b.ts, b.open, b.high, b.low, b.close, b.volume);
        this.note(b.symbol, b.ts);
      }
    })();
  }

  /**
   * Move the staged rows into the journal; returns how many were new. A tick's `seq` is its
   * place among the file's prints of the same symbol and microsecond, so the same file
   * gives the same keys again and a re-import adds nothing. Ticks go in through the
   * `ticks` table's trigger, which marks their chunks for sync. Call inside a transaction.
   */
  commit(): number {
    const ticks = this.db
      .prepare(
        `INSERT OR IGNORE INTO ticks (symbol, ts, seq, price, size)
         SELECT symbol, ts, row_number() OVER (PARTITION BY symbol, ts ORDER BY n) - 1, price, size
         FROM ${this.ticks} ORDER BY symbol, ts, n`,
      )
      .run().changes;
    // A file's bar length is the smallest gap between two of its bars of one symbol.
    const bars = this.db
      .prepare(
        `WITH gaps AS (
           SELECT symbol, ts - lag(ts) OVER (PARTITION BY symbol ORDER BY ts) AS gap FROM ${this.bars}
         ), periods AS (SELECT symbol, min(gap) AS period FROM gaps WHERE gap > 0 GROUP BY symbol)
         INSERT OR IGNORE INTO bars (symbol, period_ms, ts, open, high, low, close, volume)
         SELECT b.symbol, coalesce(p.period, ?), b.ts, b.open, b.high, b.low, b.close, b.volume
         FROM ${this.bars} b LEFT JOIN periods p ON p.symbol = b.symbol ORDER BY b.n`,
      )
      .run(DEFAULT_BAR_PERIOD_MS).changes;
    return ticks + bars;
  }

  dispose(): void {
    this.db.exec(`DROP TABLE IF EXISTS ${this.ticks}; DROP TABLE IF EXISTS ${this.bars};`);
  }

  private note(symbol: string, ms: number): void {
    this.rows++;
    this.symbols.add(symbol);
    if (this.from === null || ms < this.from) this.from = ms;
    if (this.to === null || ms > this.to) this.to = ms;
  }
}
