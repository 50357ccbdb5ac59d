import type { AppStatus } from '../../shared/domain/types';
import { schemaVersionOf } from './db/open';
import type { Store } from './journal/store';

/** Version of the running app, from package.json. */
export { version as appVersion } from '../../package.json';

/** What the status bar and `tpj doctor` show about this journal. */
export function readStatus(store: Store, dataDir: string, version: string): AppStatus {
  const db = store.db;
  const count = (table: string) =>
    db.prepare(`SELECT count(*) FROM ${table} WHERE deleted_hlc IS NULL`).pluck().get() as number;
  const lastBackup = db.prepare(`SELECT value FROM sync_state WHERE key = 'last_backup_at'`).pluck().get() as
    string | undefined;
  return {
    version,
    deviceId: store.deviceId,
    dataDir,
    schemaVersion: schemaVersionOf(db),
    counts: {
      accounts: count('accounts'),
      trades: count('trades'),
      executions: liveExecutions(db),
      journalEntries: count('journal_entries'),
    },
    sync: {
      state: 'not-configured',
      lastSyncedAt: null,
      message: 'Cloud sync is not set up; the journal is kept on this device.',
    },
    backup: { lastBackupAt: lastBackup ? Number(lastBackup) : null },
    outboxPending: db.prepare(`SELECT count(*) FROM outbox`).pluck().get() as number,
  };
}

/**
 * Live fills as all fills minus the deleted ones: the total comes from SQLite's smallest
 * index and the deleted ones from the partial index `executions_deleted` (migration 0011),
 * so neither reads the table itself, which a `WHERE deleted_hlc IS NULL` count would.
 */
export function liveExecutions(db: Store['db']): number {
  const all = db.prepare(`SELECT count(*) FROM executions`).pluck().get() as number;
  const deleted = db.prepare(`SELECT count(*) FROM executions WHERE deleted_hlc IS NOT NULL`).pluck().get() as number;
  return all - deleted;
}
