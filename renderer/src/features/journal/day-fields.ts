import type { JournalEntry } from '../../../../shared/domain/types';

/** What the trader writes on a journal day. */
export type DayFields = { body: string; mood: number | null; preMarket: string; postMarket: string };
export type DayPatch = Partial<DayFields>;

const keys = ['body', 'mood', 'preMarket', 'postMarket'] as const;

/** The day's fields as the entry holds them; a day without an entry starts blank. */
export function fieldsOf(entry: JournalEntry | null): DayFields {
  if (entry === null) return { body: '', mood: null, preMarket: '', postMarket: '' };
  return { body: entry.body, mood: entry.mood, preMarket: entry.preMarket, postMarket: entry.postMarket };
}

function keysOf(patch: DayPatch): (typeof keys)[number][] {
  return keys.filter((k) => patch[k] !== undefined);
}

/** The fields with the patch's replaced. */
export function applyDayPatch(values: DayFields, patch: DayPatch): DayFields {
  const next = { ...values };
  for (const key of keysOf(patch)) Object.assign(next, { [key]: patch[key] });
  return next;
}

/** The patch that puts back what `patch` would overwrite, or null when it would change nothing. */
export function dayUndoOf(values: DayFields, patch: DayPatch): DayPatch | null {
  const changed = keysOf(patch).filter((k) => values[k] !== patch[k]);
  if (changed.length === 0) return null;
  const undo: DayPatch = {};
  for (const key of changed) Object.assign(undo, { [key]: values[key] });
  return undo;
}

/** Whether the trader has written anything on the day (an entry with only blanks counts as none). */
export function hasWriting(values: DayFields): boolean {
  return values.mood !== null || keys.some((k) => k !== 'mood' && values[k].trim() !== '');
}
