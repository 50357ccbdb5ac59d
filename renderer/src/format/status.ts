import type { AppStatus } from '../../../shared/domain/types';
import { formatClock, formatDate, formatDateTime, formatWhen } from './date';

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
      return sync.message ? `error: ${errorReason(sync.message)}` : 'error';
    case 'conflicts':
      return sync.conflicts ? conflictText(sync.conflicts, locale) : 'conflicts to review';
  }
}

/**
 * The status bar's sync text: "Up to date · 14:02", "Offline — will sync when the cloud is
 * back", "Syncing…", "Sync error: <reason>", "3 conflicts", or "Sync: not set up".
 */
export function syncText(sync: AppStatus['sync'], timeZone: string, locale?: string, now = Date.now()): string {
  switch (sync.state) {
    case 'not-configured':
      return 'Sync: not set up';
    case 'offline':
      return 'Offline — will sync when the cloud is back';
    case 'syncing':
      return 'Syncing…';
    case 'up-to-date':
      return sync.lastSyncedAt === null
        ? 'Up to date'
        : `Up to date · ${syncedWhen(sync.lastSyncedAt, timeZone, locale, now)}`;
    case 'error':
      return sync.message ? `Sync error: ${errorReason(sync.message)}` : 'Sync error';
    case 'conflicts':
      return sync.conflicts ? conflictText(sync.conflicts, locale) : 'Conflicts to review';
  }
}

/** "14:02" for a sync earlier today in the trader's zone, else "Jan 2, 2025 14:02". */
export function syncedWhen(epochMs: number, timeZone: string, locale?: string, now = Date.now()): string {
  const day = formatDate(epochMs, timeZone, locale);
  const clock = formatClock(epochMs, timeZone, locale);
  return day === formatDate(now, timeZone, locale) ? clock : `${day} ${clock}`;
}

/** "3 changes waiting" while a configured sync has local changes to push; null otherwise. */
export function pendingText(status: Pick<AppStatus, 'sync' | 'outboxPending'>, locale?: string): string | null {
  // Without a cloud the change log only grows; counting it would nag about nothing.
  if (status.sync.state === 'not-configured' || status.outboxPending <= 0) return null;
  return `${countText(status.outboxPending, 'change', undefined, locale)} waiting`;
}

/** "1 conflict", "3 conflicts". */
export function conflictText(conflicts: number, locale?: string): string {
  return countText(conflicts, 'conflict', undefined, locale);
}

/** The core says "Sync failed: <why>"; after "Sync error:" the reason alone reads better. */
function errorReason(message: string): string {
  return message.replace(/^Sync failed:\s*/i, '');
}

/** "Last backup: never" or the time of the last backup in the trader's zone. */
export function backupText(backup: AppStatus['backup'], timeZone: string, locale?: string): string {
  return `Last backup: ${formatWhen(backup.lastBackupAt, timeZone, locale)}`;
}

/** "1 trade", "1,234 trades". */
export function countText(count: number, singular: string, plural = `${singular}s`, locale?: string): string {
  return `${new Intl.NumberFormat(locale).format(count)} ${count === 1 ? singular : plural}`;
}
