import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import { DEFAULT_BACKUP_SETTINGS } from './state';
import { BackupScheduler, missedRun, nextRunAfter, previousRunBefore, scheduleProblem } from './schedule';

// Local wall-clock times, as the schedule is read in this computer's time zone.
const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

describe('backup schedule', () => {
  it('finds the next and previous daily 03:00', () => {
    expect(nextRunAfter('0 3 * * *', at(23, 12))).toBe(at(24, 3));
    expect(nextRunAfter('0 3 * * *', at(23, 3))).toBe(at(24, 3));
    expect(previousRunBefore('0 3 * * *', at(23, 12))).toBe(at(23, 3));
  });

  it('catches up when the app was closed at the scheduled time', () => {
    expect(missedRun('0 3 * * *', at(22, 3, 1), at(23, 9))).toBe(true);
    expect(missedRun('0 3 * * *', at(23, 3, 1), at(23, 9))).toBe(false);
    expect(missedRun('0 3 * * *', null, at(23, 9))).toBe(true);
  });

  it('explains an unusable expression', () => {
    expect(scheduleProblem('0 3 * * *')).toBeNull();
    expect(scheduleProblem('61 3 * * *')).toMatch(/59/);
  });

  it('runs a missed backup after start and not again once disposed', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const ran = new Promise<void>((resolve) => (release = resolve));
    const scheduler = new BackupScheduler({
      settings: () => DEFAULT_BACKUP_SETTINGS,
      lastBackupAt: () => null,
      run: () => {
        runs++;
        release();
        return Promise.resolve();
      },
      now: () => Date.now(),
      catchUpDelayMs: 0,
      logger: silentLogger(),
    });
    scheduler.start();
    await ran;
    scheduler.dispose();
    expect(runs).toBe(1);
  });

  it('plans nothing when scheduled backups are off', () => {
    const scheduler = new BackupScheduler({
      settings: () => ({ ...DEFAULT_BACKUP_SETTINGS, scheduleEnabled: false }),
      lastBackupAt: () => null,
      run: () => Promise.reject(new Error('must not run')),
      now: () => Date.now(),
      catchUpDelayMs: 0,
      logger: silentLogger(),
    });
    scheduler.start();
    scheduler.dispose();
  });
});
