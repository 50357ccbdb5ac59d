import { describe, expect, it } from 'vitest';
import type { BackupSettings } from '../../../../shared/contract/backups';
import { checkDraft, draftFrom, errorsFromCore, patchBetween, type ScheduleDraft } from './schedule-form';

const saved: BackupSettings = {
  schedule: '0 3 * * *',
  scheduleEnabled: true,
  keepDays: 30,
  keepLast: 10,
  exportFolder: null,
  includeEmbeddings: false,
};

const draft = (edit: Partial<ScheduleDraft>): ScheduleDraft => ({ ...draftFrom(saved), ...edit });

describe('the schedule and retention form', () => {
  it('starts from the saved settings', () => {
    expect(draftFrom(saved)).toEqual({
      choice: 'daily',
      schedule: '0 3 * * *',
      keepDays: '30',
      keepLast: '10',
      exportFolder: '',
      includeEmbeddings: false,
    });
  });

  it('turns a valid form into settings and sends only what changed', () => {
    const checked = checkDraft(
      draft({ choice: 'every-6h', schedule: ' 0  */6 * * * ', keepDays: ' 14 ', exportFolder: ' /Volumes/USB ' }),
      saved,
    );
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(patchBetween(saved, checked.settings)).toEqual({
      schedule: '0 */6 * * *',
      keepDays: 14,
      exportFolder: '/Volumes/USB',
    });
    expect(patchBetween(saved, saved)).toEqual({});
  });

  it('turns the schedule off without losing its expression, and clears the export folder when emptied', () => {
    const withFolder = { ...saved, exportFolder: 'D:\\Backups' };
    const checked = checkDraft({ ...draftFrom(withFolder), choice: 'off', exportFolder: '  ' }, withFolder);
    expect(checked.ok && patchBetween(withFolder, checked.settings)).toEqual({
      scheduleEnabled: false,
      exportFolder: null,
    });
  });

  it('names every wrong field in words', () => {
    const checked = checkDraft(
      draft({ schedule: '0 3 * *', keepDays: '-1', keepLast: '0', exportFolder: 'Backups' }),
      saved,
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        schedule: 'A schedule has five fields (minute, hour, day of month, month, day of week); this one has 4.',
        keepDays: 'Enter a whole number of days from 0 to 3650.',
        keepLast: 'Enter a whole number from 1 to 1000: at least one backup is kept.',
        exportFolder: 'Enter the full path of the folder (like /Volumes/Backup or D:\\Backups), or leave it empty.',
      },
    });
    expect(checkDraft(draft({ schedule: '' }), saved)).toMatchObject({
      errors: { schedule: 'Enter a schedule, like 0 3 * * * (daily at 03:00).' },
    });
    expect(checkDraft(draft({ schedule: '0 3 * * "mon"' }), saved)).toMatchObject({
      errors: { schedule: '“"mon"” is not a cron field.' },
    });
    expect(checkDraft(draft({ keepDays: '2.5', keepLast: '1001' }), saved).ok).toBe(false);
  });

  it('puts the core’s field messages on the fields they name', () => {
    const error = {
      code: 'INVALID_INPUT' as const,
      message: 'The schedule is not a cron expression this app understands.',
      fields: [
        { path: 'patch.schedule', message: 'Invalid explicit day of month definition' },
        { path: 'patch.somethingElse', message: 'ignored' },
      ],
    };
    expect(errorsFromCore(error)).toEqual({ schedule: 'Invalid explicit day of month definition' });
    expect(errorsFromCore({ code: 'STORAGE', message: 'disk full' })).toEqual({});
  });
});
