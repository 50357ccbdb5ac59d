import { describe, expect, it } from 'vitest';
import { backupText, countText, syncText } from './status';

describe('status texts', () => {
  it('names each sync state in words', () => {
    const base = { lastSyncedAt: null, message: null };
    expect(syncText({ ...base, state: 'not-configured' }, 'UTC')).toBe('Sync: not set up');
    expect(syncText({ ...base, state: 'offline' }, 'UTC')).toBe('Sync: offline');
    expect(syncText({ ...base, state: 'error', message: 'password rejected' }, 'UTC')).toBe(
      'Sync: error: password rejected',
    );
    expect(
      syncText({ state: 'up-to-date', lastSyncedAt: Date.UTC(2025, 0, 2, 15, 4), message: null }, 'UTC', 'en-US'),
    ).toBe('Sync: up to date (Jan 2, 2025 15:04:00)');
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
