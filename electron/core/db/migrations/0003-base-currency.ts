import type { Migration } from './types';

/** Net P&L converted to the base currency, kept beside the trade's own-currency figure. */
export const migration0003: Migration = {
  version: 3,
  name: 'base-currency',
  up: (db) => {
    // Existing trades have no rates yet: null until the trader sets them, then recomputed.
    db.exec(`ALTER TABLE trades ADD COLUMN net_pnl_base TEXT`);
  },
};
