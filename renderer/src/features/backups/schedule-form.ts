import type { AppError, MethodInput } from '../../../../shared/contract';
import type { BackupSettings } from '../../../../shared/contract/backups';
import { isFullPath } from './paths';
import { choiceOf, type ScheduleChoice } from './schedule';

/** The schedule and retention form as typed: numbers stay text until they are checked. */
export type ScheduleDraft = {
  choice: ScheduleChoice;
  schedule: string;
  keepDays: string;
  keepLast: string;
  exportFolder: string;
  includeEmbeddings: boolean;
};

export type ScheduleField = 'schedule' | 'keepDays' | 'keepLast' | 'exportFolder';
export type ScheduleErrors = Partial<Record<ScheduleField, string>>;
export type SettingsPatch = MethodInput<'backups.settings.update'>['patch'];

export type ScheduleCheck = { ok: true; settings: BackupSettings } | { ok: false; errors: ScheduleErrors };

// The contract's limits (shared/contract/backups.ts), said in words.
const KEEP_DAYS_MAX = 3650;
const KEEP_LAST_MAX = 1000;
const PATH_MAX = 4096;

export function draftFrom(settings: BackupSettings): ScheduleDraft {
  return {
    choice: choiceOf(settings),
    schedule: settings.schedule,
    keepDays: String(settings.keepDays),
    keepLast: String(settings.keepLast),
    exportFolder: settings.exportFolder ?? '',
    includeEmbeddings: settings.includeEmbeddings,
  };
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

function scheduleProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (fields.length === 0) return 'Enter a schedule, like 0 3 * * * (daily at 03:00).';
  if (fields.length !== 5) {
    return `A schedule has five fields (minute, hour, day of month, month, day of week); this one has ${fields.length}.`;
  }
  // The core checks the ranges with a real cron parser; this only catches letters that can never fit.
  const odd = fields.find((f) => !/^[\d*/,\-?LW#A-Za-z]+$/.test(f));
  return odd === undefined ? null : `“${odd}” is not a cron field.`;
}

/** Check the form; when it is fine, the settings it describes. */
export function checkDraft(draft: ScheduleDraft, saved: BackupSettings): ScheduleCheck {
  const errors: ScheduleErrors = {};
  const schedule = draft.schedule.trim().split(/\s+/).join(' ');
  const cronProblem = scheduleProblem(draft.schedule);
  if (cronProblem !== null) errors.schedule = cronProblem;
  const keepDays = wholeNumber(draft.keepDays, 0, KEEP_DAYS_MAX);
  if (keepDays === null) errors.keepDays = `Enter a whole number of days from 0 to ${KEEP_DAYS_MAX}.`;
  const keepLast = wholeNumber(draft.keepLast, 1, KEEP_LAST_MAX);
  if (keepLast === null)
    errors.keepLast = `Enter a whole number from 1 to ${KEEP_LAST_MAX}: at least one backup is kept.`;
  const folder = draft.exportFolder.trim();
  if (folder !== '' && !isFullPath(folder)) {
    errors.exportFolder = 'Enter the full path of the folder (like /Volumes/Backup or D:\\Backups), or leave it empty.';
  } else if (folder.length > PATH_MAX) {
    errors.exportFolder = 'This path is too long.';
  }
  if (keepDays === null || keepLast === null || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...saved,
      // "Off" keeps the expression, so turning the schedule on again brings it back.
      schedule,
      scheduleEnabled: draft.choice !== 'off',
      keepDays,
      keepLast,
      exportFolder: folder === '' ? null : folder,
      includeEmbeddings: draft.includeEmbeddings,
    },
  };
}

/** Only what changed, so a save never overwrites a field another window changed meanwhile. */
export function patchBetween(saved: BackupSettings, next: BackupSettings): SettingsPatch {
  const patch: SettingsPatch = {};
  if (next.schedule !== saved.schedule) patch.schedule = next.schedule;
  if (next.scheduleEnabled !== saved.scheduleEnabled) patch.scheduleEnabled = next.scheduleEnabled;
  if (next.keepDays !== saved.keepDays) patch.keepDays = next.keepDays;
  if (next.keepLast !== saved.keepLast) patch.keepLast = next.keepLast;
  if (next.exportFolder !== saved.exportFolder) patch.exportFolder = next.exportFolder;
  if (next.includeEmbeddings !== saved.includeEmbeddings) patch.includeEmbeddings = next.includeEmbeddings;
  return patch;
}

const fieldNames: readonly ScheduleField[] = ['schedule', 'keepDays', 'keepLast', 'exportFolder'];

/** The core's field messages ("patch.schedule") on the fields they name. */
export function errorsFromCore(error: AppError): ScheduleErrors {
  const errors: ScheduleErrors = {};
  for (const field of error.fields ?? []) {
    const name = fieldNames.find((f) => field.path === `patch.${f}`);
    if (name !== undefined) errors[name] = field.message;
  }
  return errors;
}
