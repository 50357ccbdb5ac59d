import type { AppStatus } from '../../../shared/domain/types';
import { formatDateTime, formatWhen } from './date';

/** The sync state in a few words (DESIGN §3: the UI always shows one of these). */
export function syncStateText(sync: AppStatus['sync'], timeZone: string, locale?: string): string {
  switch (sync.state) {
    case 'not-configured':
      return 'not set up';
    case 'offline':
      return 'offline';
    case 'syncing':
      return 'syncing…';
    case 'up-to-date':
      return sync.lastSyncedAt === null
        ? 'up to date'
        : `up to date (${formatDateTime(sync.lastSyncedAt, timeZone, locale)})`;
    case 'error':
      return sync.message ? `error: ${sync.message}` : 'error';
    case 'conflicts':
      return 'conflicts to review';
  }
}

/** The status bar's sync text: "Sync: not set up". */
export function syncText(sync: AppStatus['sync'], timeZone: string, locale?: string): string {
  return `Sync: ${syncStateText(sync, timeZone, locale)}`;
}

/** "Last backup: never" or the time of the last backup in the trader's zone. */
export function backupText(backup: AppStatus['backup'], timeZone: string, locale?: string): string {
  return `Last backup: ${formatWhen(backup.lastBackupAt, timeZone, locale)}`;
}

/** "1 trade", "1,234 trades". */
export function countText(count: number, singular: string, plural = `${singular}s`, locale?: string): string {
  return `${new Intl.NumberFormat(locale).format(count)} ${count === 1 ? singular : plural}`;
}
