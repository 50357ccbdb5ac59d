/**
 * Times are UTC epoch milliseconds in the journal; they are shown in the trader's
 * display time zone (Settings), not the computer's.
 */

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** "Mar 14, 2025" in the given zone. */
export function formatDate(epochMs: number, timeZone: string, locale?: string): string {
  return dateFormat(locale, { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(epochMs);
}

/** "09:31:05" (24-hour clock: traders read session times that way). */
export function formatTime(epochMs: number, timeZone: string, locale?: string): string {
  return dateFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(epochMs);
}

/** "09:31" for dense tables; the full time goes in a tooltip. */
export function formatClock(epochMs: number, timeZone: string, locale?: string): string {
  return dateFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);
}

/** "Mar 14, 2025 09:31:05". */
export function formatDateTime(epochMs: number, timeZone: string, locale?: string): string {
  return `${formatDate(epochMs, timeZone, locale)} ${formatTime(epochMs, timeZone, locale)}`;
}

/** A trading day "2025-03-14" as "Fri, Mar 14, 2025"; a calendar day has no zone of its own. */
export function formatDay(day: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dateFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(utc);
}

/** "never" for no time, otherwise the date and time in the trader's zone. */
export function formatWhen(epochMs: number | null, timeZone: string, locale?: string): string {
  return epochMs === null ? 'never' : formatDateTime(epochMs, timeZone, locale);
}
