import type { BackupSettings } from '../../../../shared/contract/backups';

/** What the schedule select offers; "custom" is any other cron expression, "off" turns the schedule off. */
export type ScheduleChoice = 'daily' | 'every-6h' | 'weekly' | 'custom' | 'off';

export type SchedulePreset = {
  id: Exclude<ScheduleChoice, 'custom' | 'off'>;
  label: string;
  /** The same, inside a sentence. */
  phrase: string;
  cron: string;
};

export const schedulePresets: readonly SchedulePreset[] = [
  { id: 'daily', label: 'Daily at 03:00', phrase: 'daily at 03:00', cron: '0 3 * * *' },
  { id: 'every-6h', label: 'Every 6 hours', phrase: 'every 6 hours', cron: '0 */6 * * *' },
  { id: 'weekly', label: 'Weekly, Sunday at 03:00', phrase: 'on Sundays at 03:00', cron: '0 3 * * 0' },
];

export const scheduleChoices: readonly { id: ScheduleChoice; label: string }[] = [
  ...schedulePresets,
  { id: 'custom', label: 'Custom (cron expression)' },
  { id: 'off', label: 'Off: only when I back up' },
];

/** The same schedule written another way: spacing, Sunday as 7 or SUN, the hour as 03. */
function normalise(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return cron.trim();
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  const number = (field: string) => (/^\d+$/.test(field) ? String(Number(field)) : field);
  const sunday = /^(0|7|sun)$/i.test(weekday) ? '0' : weekday;
  return [number(minute), number(hour), day, month, sunday].join(' ');
}

/** Which entry of the select a saved schedule is. */
export function choiceOf(settings: Pick<BackupSettings, 'schedule' | 'scheduleEnabled'>): ScheduleChoice {
  if (!settings.scheduleEnabled) return 'off';
  const cron = normalise(settings.schedule);
  return schedulePresets.find((p) => p.cron === cron)?.id ?? 'custom';
}

/** The cron expression a choice stands for; "custom" and "off" keep what is there. */
export function cronFor(choice: ScheduleChoice, current: string): string {
  return schedulePresets.find((p) => p.id === choice)?.cron ?? current;
}

/** "Daily at 03:00", "Custom: 30 22 * * 1-5", "Off". */
export function describeSchedule(settings: Pick<BackupSettings, 'schedule' | 'scheduleEnabled'>): string {
  const choice = choiceOf(settings);
  if (choice === 'off') return 'Off';
  if (choice === 'custom') return `Custom: ${settings.schedule.trim()}`;
  return schedulePresets.find((p) => p.id === choice)?.label ?? settings.schedule;
}

/** "Scheduled backups run daily at 03:00 while the app is open." */
export function scheduleSentence(settings: Pick<BackupSettings, 'schedule' | 'scheduleEnabled'>): string {
  const choice = choiceOf(settings);
  if (choice === 'off') return 'Scheduled backups are off.';
  const when = schedulePresets.find((p) => p.id === choice)?.phrase ?? `on the schedule ${settings.schedule.trim()}`;
  return `Scheduled backups run ${when} while the app is open.`;
}
