import type { Migration } from './types';

/**
 * One index per sort order of the trades list other than newest-first (trades_by_time), each
 * ending in the id tiebreak, so a page of any order is a walk of an index instead of a scan and
 * a sort of every live trade (100k trades: 100-700 ms a page before). Net P&L is a decimal
 * string, so its index holds the REAL value; R holds the expression of stats-r.ts
 * R_MULTIPLE_SQL, which trade-sort.ts orders by. A change to that expression needs a new index
 * here; trade-sort.ts names these indexes (INDEXED BY), so a mismatch fails loudly ("no query
 * solution") rather than going slow. Writes pay four more B-tree entries per trade.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'trade-sort-indexes',
  up: (db) => {
    db.exec(`
      CREATE INDEX trades_by_closed ON trades (closed_at, id) WHERE deleted_hlc IS NULL;
      CREATE INDEX trades_by_symbol_id ON trades (symbol, id) WHERE deleted_hlc IS NULL;
      CREATE INDEX trades_by_net ON trades (CAST(net_pnl AS REAL), id) WHERE deleted_hlc IS NULL;
      CREATE INDEX trades_by_r ON trades ((CASE
        WHEN risk_amount IS NOT NULL THEN
          CASE WHEN CAST(risk_amount AS REAL) > 0 THEN CAST(net_pnl AS REAL) / CAST(risk_amount AS REAL) END
        WHEN stop_price IS NULL THEN NULL
        WHEN (side = 'long' AND CAST(stop_price AS REAL) < CAST(entry_price AS REAL))
          OR (side = 'short' AND CAST(stop_price AS REAL) > CAST(entry_price AS REAL)) THEN
          CAST(net_pnl AS REAL) / NULLIF(abs(CAST(entry_price AS REAL) - CAST(stop_price AS REAL))
            * CAST(quantity AS REAL) * CAST(multiplier AS REAL), 0)
      END), id) WHERE deleted_hlc IS NULL;
    `);
  },
};
