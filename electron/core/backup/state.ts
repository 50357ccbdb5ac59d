import type { Database } from 'better-sqlite3';
import type { BackupSettings } from '../../../shared/contract/backups';

/**
 * Backup bookkeeping lives in `sync_state`: it is about files on this computer, so it is
 * never synced, and a restore keeps it (see isBackupBookkeepingKey).
 */
const SETTINGS_KEY = 'backup_settings';
const CATALOG_KEY = 'backup_catalog';
const LAST_ERROR_KEY = 'backup_last_error';
/** Read by the status bar and `tpj doctor`. */
export const LAST_BACKUP_KEY = 'last_backup_at';

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  schedule: '0 3 * * *',
  scheduleEnabled: true,
  keepDays: 30,
  keepLast: 10,
  exportFolder: null,
  includeEmbeddings: false,
};

/** What this journal knows about a backup file it wrote. */
export type CatalogEntry = { size: number; createdAt: number; verifiedAt: number | null };

/** sync_state keys a restore carries over from the journal it replaces. */
export function isBackupBookkeepingKey(key: string): boolean {
  return key === LAST_BACKUP_KEY || key.startsWith('backup_');
}

function read(db: Database, key: string): string | undefined {
  return db.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck().get(key) as string | undefined;
}

function write(db: Database, key: string, value: string): void {
  db.prepare(
    `INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(key, value);
}

function readJson(db: Database, key: string): unknown {
  const text = read(db, key);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A damaged value falls back to defaults rather than blocking backups.
    return undefined;
  }
}

/** The saved settings over the defaults; unknown or mistyped fields are ignored. */
export function readBackupSettings(db: Database): BackupSettings {
  const saved = readJson(db, SETTINGS_KEY);
  const s = typeof saved === 'object' && saved !== null ? (saved as Record<string, unknown>) : {};
  const d = DEFAULT_BACKUP_SETTINGS;
  return {
    schedule: typeof s.schedule === 'string' ? s.schedule : d.schedule,
    scheduleEnabled: typeof s.scheduleEnabled === 'boolean' ? s.scheduleEnabled : d.scheduleEnabled,
    keepDays: typeof s.keepDays === 'number' ? s.keepDays : d.keepDays,
    keepLast: typeof s.keepLast === 'number' ? s.keepLast : d.keepLast,
    exportFolder: typeof s.exportFolder === 'string' ? s.exportFolder : d.exportFolder,
    includeEmbeddings: typeof s.includeEmbeddings === 'boolean' ? s.includeEmbeddings : d.includeEmbeddings,
  };
}

export function writeBackupSettings(db: Database, settings: BackupSettings): void {
  write(db, SETTINGS_KEY, JSON.stringify(settings));
}

/** Backups this journal wrote, by absolute path. */
export function readCatalog(db: Database): Record<string, CatalogEntry> {
  const saved = readJson(db, CATALOG_KEY);
  return typeof saved === 'object' && saved !== null ? (saved as Record<string, CatalogEntry>) : {};
}

/** Remember a finished backup; a verified one also becomes the journal's last backup. */
export function recordBackup(db: Database, file: string, entry: CatalogEntry): void {
  db.transaction(() => {
    write(db, CATALOG_KEY, JSON.stringify({ ...readCatalog(db), [file]: entry }));
    if (entry.verifiedAt !== null) {
      const last = Number(read(db, LAST_BACKUP_KEY) ?? 0);
      write(db, LAST_BACKUP_KEY, String(Math.max(last, entry.createdAt)));
      db.prepare(`DELETE FROM sync_state WHERE key = ?`).run(LAST_ERROR_KEY);
    }
  })();
}

/** Drop catalog entries for files that are gone. */
export function forgetBackups(db: Database, files: readonly string[]): void {
  if (files.length === 0) return;
  const catalog = readCatalog(db);
  for (const f of files) delete catalog[f];
  write(db, CATALOG_KEY, JSON.stringify(catalog));
}

/** When the last successful backup was made (ms), or null. */
export function lastBackupAt(db: Database): number | null {
  const value = read(db, LAST_BACKUP_KEY);
  return value === undefined ? null : Number(value);
}

/** Why the last scheduled backup failed, for the status panel; cleared by the next success. */
export function recordBackupError(db: Database, at: number, message: string): void {
  write(db, LAST_ERROR_KEY, JSON.stringify({ at, message }));
}

/** The last scheduled backup's failure, or null (cleared by the next verified backup). */
export function readBackupError(db: Database): { at: number; message: string } | null {
  const saved = readJson(db, LAST_ERROR_KEY) as { at?: unknown; message?: unknown } | undefined;
  if (typeof saved !== 'object' || saved === null) return null;
  return typeof saved.at === 'number' && typeof saved.message === 'string'
    ? { at: saved.at, message: saved.message }
    : null;
}
