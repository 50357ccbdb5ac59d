import { describe, expect, it } from 'vitest';
import { backupsToRemove, type RetainedBackup } from './retention';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 23, 12);
const daily = (count: number, verified = true): RetainedBackup[] =>
  Array.from({ length: count }, (_, i) => ({ file: `b${i}`, createdAt: now - i * DAY - 1000, verified }));

describe('backup retention', () => {
  it('keeps the last 30 days and the newest 10, removing the rest', () => {
    const removed = backupsToRemove(daily(45), { keepDays: 30, keepLast: 10 }, now);
    expect(removed).toEqual(Array.from({ length: 15 }, (_, i) => `b${i + 30}`));
  });

  it('keeps the newest N even when they are all older than the window', () => {
    const old = daily(15).map((b) => ({ ...b, createdAt: b.createdAt - 100 * DAY }));
    expect(backupsToRemove(old, { keepDays: 30, keepLast: 10 }, now)).toEqual(['b10', 'b11', 'b12', 'b13', 'b14']);
  });

  it('never removes the only verified backup, even when the rule would', () => {
    const backups = [...daily(3, false), { file: 'good', createdAt: now - 90 * DAY, verified: true }];
    const removed = backupsToRemove(backups, { keepDays: 1, keepLast: 1 }, now);
    expect(removed).not.toContain('good');
    expect(removed).toEqual(['b1', 'b2']);
  });

  it('removes an old verified backup once a newer kept one is verified', () => {
    const backups = [
      { file: 'new', createdAt: now - 1000, verified: true },
      { file: 'old', createdAt: now - 90 * DAY, verified: true },
    ];
    expect(backupsToRemove(backups, { keepDays: 30, keepLast: 1 }, now)).toEqual(['old']);
  });
});
