import { zonedTimeToUtc } from '../../../shared/import/time';

/**
 * Calendar days in a time zone as UTC instants. The journal stores UTC epoch ms; a day the
 * trader picks ("2025-03-14") means midnight to midnight in their display time zone.
 */

/** Midnight at the start of `day` ('YYYY-MM-DD') in the zone, as UTC ms; null for a malformed day. */
export function dayStartMs(day: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || date < 1 || date > 31) return null;
  return zonedTimeToUtc({ year, month, day: date, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** The first and last ms of `day` in the zone (a 23- or 25-hour day on a clock change). */
export function dayRangeMs(day: string, timeZone: string): { from: number; to: number } | null {
  const from = dayStartMs(day, timeZone);
  const next = dayStartMs(addDays(day, 1), timeZone);
  return from === null || next === null ? null : { from, to: next - 1 };
}

/**
 * The filter bounds for the trades closed on `day` in the zone: the one rule for "a day's
 * trades" (the calendar colours a day by the P&L realised on it; its day views list those).
 */
export function closedOnDay(day: string, timeZone: string): { closedFrom: number; closedTo: number } | null {
  const range = dayRangeMs(day, timeZone);
  return range === null ? null : { closedFrom: range.from, closedTo: range.to };
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n)).toISOString().slice(0, 10);
}
