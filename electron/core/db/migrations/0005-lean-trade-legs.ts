import type { Migration } from './types';

/**
 * trade_legs is derived data: the P&L engine rewrites it from the executions whenever a
 * symbol is re-grouped, and the integrity report recomputes it. Its two foreign keys cost
 * two index probes per leg and its by-execution index one more b-tree write, on every one
 * of the ~100k legs a large import writes, and no query reads legs by execution. Rebuilt
 * without them; legs that point nowhere are reported by the integrity check instead.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'lean-trade-legs',
  up: (db) => {
    db.exec(`
      CREATE TABLE trade_legs_lean (
        trade_id TEXT NOT NULL,
        execution_id TEXT NOT NULL,
        quantity TEXT NOT NULL,
        fee TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('open','close')),
        PRIMARY KEY (trade_id, execution_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO trade_legs_lean (trade_id, execution_id, quantity, fee, role)
        SELECT trade_id, execution_id, quantity, fee, role FROM trade_legs;
      DROP TABLE trade_legs;
      ALTER TABLE trade_legs_lean RENAME TO trade_legs;
    `);
  },
};
