import type { Migration } from './types';

/**
 * OHLC bars imported from bar files, for charts where there are no ticks. Local only for
 * now: sync carries ticks by chunk but not bars yet. `period_ms` is the bar length the
 * file was read as (the smallest gap between its bars), so 1m and 1h bars of one symbol
 * live side by side; re-importing a file adds nothing (primary key, INSERT OR IGNORE).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'bars',
  up: (db) => {
    db.exec(`
      CREATE TABLE bars (
        symbol TEXT NOT NULL,
        period_ms INTEGER NOT NULL CHECK (period_ms > 0),
        ts INTEGER NOT NULL,
        open REAL NOT NULL,
        high REAL NOT NULL,
        low REAL NOT NULL,
        close REAL NOT NULL,
        volume REAL NOT NULL,
        PRIMARY KEY (symbol, period_ms, ts)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
