import type { Migration } from './types';

/** Import history (local) and saved column mappings for generic CSV files (synced). */
export const migration0002: Migration = {
  version: 2,
  name: 'imports',
  up: (db) => {
    db.exec(`
      CREATE TABLE import_batches (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        files TEXT NOT NULL,
        formats TEXT NOT NULL,
        executions_new INTEGER NOT NULL,
        executions_duplicate INTEGER NOT NULL,
        ignored INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        trades_created INTEGER NOT NULL,
        trades_updated INTEGER NOT NULL,
        trades_removed INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE import_presets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        mapping TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        hlc TEXT NOT NULL,
        deleted_hlc TEXT,
        device_id TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX import_presets_live_name ON import_presets (lower(name)) WHERE deleted_hlc IS NULL;

      CREATE INDEX executions_by_source ON executions (source);
    `);
  },
};
