/**
 * Broker date/time text → UTC epoch ms. Text with an offset is exact; zone-less wall-clock
 * text is read in an IANA zone through Intl, so DST follows the tz database.
 *
 * Wall-clock times that do not map to exactly one instant follow Temporal's "compatible"
 * rule: in the repeated fall-back hour the earlier instant wins (01:30 on the NY fall-back
 * day is 05:30Z, EDT); in the spring-forward gap the time is moved forward by the gap
 * (02:30 on the NY spring-forward day is 07:30Z, i.e. 03:30 EDT).
 */
import type { Parsed } from './numbers';

/** Wall-clock fields as written in a file; month is 1-12. */
export type LocalDateTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
};

/** How to read an all-numeric date whose year comes last ("03/04/2025"). Day-first is implied for "03.04.2025". */
export type DateOrder = 'mdy' | 'dmy';

/** The zone for text without an offset, and how to read all-numeric year-last dates (default month-first). */
export type TimeOptions = { timeZone: string; dateOrder?: DateOrder };

/** Local fields plus the UTC offset in minutes when the text carries one. */
export type DateTimeText = { local: LocalDateTime; offsetMinutes: number | null };

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  Z: 0,
  UTC: 0,
  GMT: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const YEAR_FIRST = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?![\d])/;
const YEAR_LAST = /^(\d{1,2})([-./])(\d{1,2})\2(\d{4}|\d{2})(?![\d])/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?/;
const COMPACT_CLOCK = /^(\d{2})(\d{2})(\d{2})(?![\d])/;
const MERIDIEM = /^\s*([AaPp])\.?[Mm]\.?(?![A-Za-z])/;
const DATE_TIME_GAP = /^(?:T|\s*[;,]\s*|\s+)/;
const OFFSET = /^\s*(?:(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})?|([A-Z]{1,4}))\s*$/;

/** Parses broker date/time text to UTC epoch ms; zone-less text is read in options.timeZone. */
export function parseBrokerTime(text: string, options: TimeOptions): Parsed<number> {
  const parsed = parseDateTimeText(text, options.dateOrder);
  if (!parsed.ok) return parsed;
  const { local, offsetMinutes } = parsed.value;
  if (offsetMinutes !== null) return { ok: true, value: wallClockAsUtc(local) - offsetMinutes * MINUTE };
  if (!isValidTimeZone(options.timeZone)) return { ok: false, error: `unknown time zone "${options.timeZone}"` };
  return { ok: true, value: zonedTimeToUtc(local, options.timeZone) };
}

/** Splits date/time text into wall-clock fields and an optional offset, validating every field. */
export function parseDateTimeText(text: string, dateOrder: DateOrder = 'mdy'): Parsed<DateTimeText> {
  const source = text.trim();
  const date = matchDate(source, dateOrder);
  if (date === null) return failure(source, 'is not a date');
  let rest = source.slice(date.length).replace(DATE_TIME_GAP, '');
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  const clock = CLOCK.exec(rest) ?? COMPACT_CLOCK.exec(rest);
  if (clock) {
    hour = Number(clock[1]);
    minute = Number(clock[2]);
    second = Number(clock[3] ?? 0);
    millisecond = Number((clock[4] ?? '').slice(0, 3).padEnd(3, '0'));
    rest = rest.slice(clock[0].length);
    const meridiem = MERIDIEM.exec(rest);
    if (meridiem) {
      if (hour < 1 || hour > 12) return failure(source, 'has an hour outside 1-12 with AM/PM');
      hour = (hour % 12) + ((meridiem[1] ?? '').toUpperCase() === 'P' ? 12 : 0);
      rest = rest.slice(meridiem[0].length);
    }
  }
  let offsetMinutes: number | null = null;
  if (rest.trim() !== '') {
    const offset = clock ? OFFSET.exec(rest) : null;
    if (!offset) return failure(source, 'has unexpected text after the date/time');
    offsetMinutes = offsetFromMatch(offset);
    if (offsetMinutes === null) return failure(source, 'has an unknown zone suffix');
  }
  const { year, month, day } = date;
  const local: LocalDateTime = { year, month, day, hour, minute, second, millisecond };
  const invalid = invalidField(local);
  return invalid ? failure(source, invalid) : { ok: true, value: { local, offsetMinutes } };
}

/** Day-first or month-first, judged from slash/dash dates whose first or second number exceeds 12; null if none tell. */
export function inferDateOrder(texts: Iterable<string>): DateOrder | null {
  for (const text of texts) {
    const match = YEAR_LAST.exec(text.trim());
    if (!match || match[2] === '.') continue;
    if (Number(match[1]) > 12) return 'dmy';
    if (Number(match[3]) > 12) return 'mdy';
  }
  return null;
}

/** UTC instant of a wall-clock time in an IANA zone (see the module comment for ambiguous/gap times). */
export function zonedTimeToUtc(local: LocalDateTime, timeZone: string): number {
  const wall = wallClockAsUtc(local);
  const before = timeZoneOffsetMs(timeZone, wall - DAY);
  const after = timeZoneOffsetMs(timeZone, wall + DAY);
  if (before === after) return wall - before;
  const earlier = wall - before;
  const later = wall - after;
  const earlierFits = timeZoneOffsetMs(timeZone, earlier) === before;
  const laterFits = timeZoneOffsetMs(timeZone, later) === after;
  if (earlierFits && laterFits) return Math.min(earlier, later);
  if (laterFits) return later;
  // Either only the pre-transition reading fits, or neither does (a gap): both use the old offset.
  return earlier;
}

/** Offset of timeZone from UTC at instant epochMs, in ms (positive east of Greenwich). Cached per zone and UTC hour. */
export function timeZoneOffsetMs(timeZone: string, epochMs: number): number {
  const cache = offsetCacheFor(timeZone);
  const bucket = Math.floor(epochMs / HOUR);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const start = exactOffset(timeZone, bucket * HOUR);
    const end = exactOffset(timeZone, bucket * HOUR + HOUR - 1000);
    // A transition inside this hour: remember that, and look each instant up exactly.
    offset = start === end ? start : Number.NaN;
    if (cache.size > 200_000) cache.clear();
    cache.set(bucket, offset);
  }
  return Number.isNaN(offset) ? exactOffset(timeZone, epochMs) : offset;
}

/** True when Intl knows the IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function failure(source: string, why: string): Parsed<DateTimeText> {
  return { ok: false, error: `"${source}" ${why}` };
}

type DateMatch = { length: number; year: number; month: number; day: number };

function matchDate(source: string, dateOrder: DateOrder): DateMatch | null {
  const dashed = YEAR_FIRST.exec(source);
  if (dashed) return dateMatch(dashed[0], dashed[1], dashed[3], dashed[4]);
  const compact = COMPACT.exec(source);
  if (compact) return dateMatch(compact[0], compact[1], compact[2], compact[3]);
  const yearLast = YEAR_LAST.exec(source);
  if (!yearLast) return null;
  const [whole, first, separator, second, yearText = ''] = yearLast;
  const dayFirst = separator === '.' || dateOrder === 'dmy';
  return {
    length: whole.length,
    year: expandYear(yearText),
    month: Number(dayFirst ? second : first),
    day: Number(dayFirst ? first : second),
  };
}

function dateMatch(whole: string, year = '', month = '', day = ''): DateMatch {
  return { length: whole.length, year: Number(year), month: Number(month), day: Number(day) };
}

// Two-digit years follow POSIX strptime: 69-99 → 19xx, 00-68 → 20xx.
function expandYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year >= 69 ? 1900 + year : 2000 + year;
}

function offsetFromMatch(match: RegExpExecArray): number | null {
  const [, sign, hours, minutes, name] = match;
  if (name !== undefined) return ZONE_ABBREVIATIONS[name] ?? null;
  const total = Number(hours) * 60 + Number(minutes ?? 0);
  if (total > 18 * 60) return null;
  return sign === '-' ? -total : total;
}

function invalidField(local: LocalDateTime): string | null {
  if (local.year < 1000 || local.year > 9999) return 'has an impossible year';
  if (local.month < 1 || local.month > 12) return 'has a month outside 1-12';
  const daysInMonth = daysIn(local.year, local.month);
  if (local.day < 1 || local.day > daysInMonth) return `has a day outside 1-${daysInMonth}`;
  if (local.hour > 23 || local.minute > 59 || local.second > 59) return 'has an impossible time of day';
  return null;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function wallClockAsUtc(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function offsetCacheFor(timeZone: string): Map<number, number> {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  return cache;
}

function exactOffset(timeZone: string, epochMs: number): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(wholeSecond)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    fields['year'] ?? 1970,
    (fields['month'] ?? 1) - 1,
    fields['day'] ?? 1,
    (fields['hour'] ?? 0) % 24,
    fields['minute'] ?? 0,
    fields['second'] ?? 0,
  );
  return asUtc - wholeSecond;
}
