import type { Parsed } from '../../../../shared/import/numbers';
import { timeZoneOffsetMs, zonedTimeToUtc, type LocalDateTime } from '../../../../shared/import/time';

/**
 * Fills typed by hand are wall-clock times in the trader's display time zone (the same
 * zone every table shows); the journal stores UTC epoch ms. The zone rules come from
 * Intl through shared/import/time, so DST follows the tz database.
 */

// What <input type="datetime-local"> produces: minutes, or seconds when step="1".
const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

function wallClockMs(local: LocalDateTime): number {
  const wall = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  wall.setUTCFullYear(local.year, local.month - 1, local.day);
  wall.setUTCHours(local.hour, local.minute, local.second, 0);
  return wall.getTime();
}

function readLocal(value: string): LocalDateTime | null {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return null;
  const local = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
    millisecond: 0,
  };
  // Date rolls 31 April over to 1 May; a round trip through it shows a field out of range.
  const back = new Date(wallClockMs(local));
  const fits =
    back.getUTCFullYear() === local.year &&
    back.getUTCMonth() === local.month - 1 &&
    back.getUTCDate() === local.day &&
    back.getUTCHours() === local.hour &&
    back.getUTCMinutes() === local.minute &&
    back.getUTCSeconds() === local.second;
  return fits ? local : null;
}

/**
 * A `datetime-local` value read in `timeZone` → UTC epoch ms. In the repeated hour of a
 * fall-back the earlier instant is taken; a time the spring-forward skips is refused,
 * since silently moving a typed fill by an hour would misstate the trade.
 */
export function localInputToUtc(value: string, timeZone: string): Parsed<number> {
  if (value.trim() === '') return { ok: false, error: 'Enter the date and time of the fill.' };
  const local = readLocal(value);
  if (local === null) return { ok: false, error: 'Enter a date and time like 2025-03-14 09:30.' };
  const utc = zonedTimeToUtc(local, timeZone);
  if (utc + timeZoneOffsetMs(timeZone, utc) !== wallClockMs(local)) {
    return { ok: false, error: `This time does not exist in ${timeZone}: the clocks jump forward then.` };
  }
  return { ok: true, value: utc };
}

/** UTC epoch ms → the `datetime-local` value ("2025-03-14T09:30:00") of that instant in `timeZone`. */
export function utcToLocalInput(epochMs: number, timeZone: string): string {
  const whole = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return new Date(whole + timeZoneOffsetMs(timeZone, whole)).toISOString().slice(0, 19);
}
