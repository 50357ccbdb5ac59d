import type { Migration } from './types';

/**
 * What this device last agreed with the cloud for rows holding trader-written text
 * (journal entries, trade notes): the version's clock stamp and its text columns. Sync
 * pushes such a row only over that same cloud version, and when another device got there
 * first, merges the texts three ways against this base instead of one side's words
 * silently replacing the other's. Local only, like the outbox.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'sync-base',
  up: (db) => {
    db.exec(`
      CREATE TABLE sync_base (
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        -- the row's columns as JSON
        texts TEXT NOT NULL,
        PRIMARY KEY (entity, id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
