import { describe, expect, it } from 'vitest';
import { backupText, countText, pendingText, syncedWhen, syncText } from './status';

const base = { lastSyncedAt: null, message: null };
const now = Date.UTC(2025, 0, 2, 18, 0);

describe('status texts', () => {
  it('names each sync state in words a trader reads at a glance', () => {
    expect(syncText({ ...base, state: 'not-configured' }, 'UTC')).toBe('Sync: not set up');
    expect(syncText({ ...base, state: 'offline' }, 'UTC')).toBe('Offline — will sync when the cloud is back');
    expect(syncText({ ...base, state: 'syncing' }, 'UTC')).toBe('Syncing…');
    expect(syncText({ ...base, state: 'up-to-date' }, 'UTC')).toBe('Up to date');
    expect(syncText({ ...base, state: 'error' }, 'UTC')).toBe('Sync error');
  });

  it('gives the error reason without repeating that sync failed', () => {
    expect(syncText({ ...base, state: 'error', message: 'password rejected' }, 'UTC')).toBe(
      'Sync error: password rejected',
    );
    expect(syncText({ ...base, state: 'error', message: 'Sync failed: disk full' }, 'UTC')).toBe(
      'Sync error: disk full',
    );
  });

  it('counts conflicts with the right plural', () => {
    expect(syncText({ ...base, state: 'conflicts', conflicts: 1 }, 'UTC', 'en-US')).toBe('1 conflict');
    expect(syncText({ ...base, state: 'conflicts', conflicts: 3 }, 'UTC', 'en-US')).toBe('3 conflicts');
    expect(syncText({ ...base, state: 'conflicts' }, 'UTC')).toBe('Conflicts to review');
  });

  it('shows the clock for a sync today and the date too for an older one, in the display zone', () => {
    const today = Date.UTC(2025, 0, 2, 14, 2);
    expect(syncText({ ...base, state: 'up-to-date', lastSyncedAt: today }, 'UTC', 'en-US', now)).toBe(
      'Up to date · 14:02',
    );
    const yesterday = Date.UTC(2025, 0, 1, 23, 30);
    expect(syncedWhen(yesterday, 'UTC', 'en-US', now)).toBe('Jan 1, 2025 23:30');
    // 23:30 UTC on Jan 1 is 18:30 on Jan 1 in New York, but "now" (18:00 UTC Jan 2) is 13:00 Jan 2 there.
    expect(syncedWhen(yesterday, 'America/New_York', 'en-US', now)).toBe('Jan 1, 2025 18:30');
    // 14:02 UTC is 23:02 in Tokyo on Jan 2, and now is 03:00 on Jan 3 there: not today.
    expect(syncedWhen(today, 'Asia/Tokyo', 'en-US', now)).toBe('Jan 2, 2025 23:02');
  });

  it('counts changes waiting only when a cloud is configured', () => {
    const sync = { ...base, state: 'up-to-date' as const };
    expect(pendingText({ sync, outboxPending: 3 }, 'en-US')).toBe('3 changes waiting');
    expect(pendingText({ sync, outboxPending: 1 }, 'en-US')).toBe('1 change waiting');
    expect(pendingText({ sync, outboxPending: 0 }, 'en-US')).toBeNull();
    expect(pendingText({ sync: { ...base, state: 'not-configured' }, outboxPending: 40 }, 'en-US')).toBeNull();
  });

  it('says never when there was no backup yet', () => {
    expect(backupText({ lastBackupAt: null }, 'UTC')).toBe('Last backup: never');
  });

  it('counts with grouping and the right plural', () => {
    expect(countText(1, 'trade', undefined, 'en-US')).toBe('1 trade');
    expect(countText(1234, 'trade', undefined, 'en-US')).toBe('1,234 trades');
    expect(countText(2, 'journal entry', 'journal entries', 'en-US')).toBe('2 journal entries');
  });
});
