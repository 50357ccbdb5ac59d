/**
 * Wall-clock offsets of an IANA zone, for calendar buckets over many trades. Intl costs a few
 * µs a call, so offsets are looked up once per UTC day: a zone changes offset at most once a
 * day, so the offsets at the two midnights say whether (and a binary search says when) it does.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Local wall-clock time of UTC instants in one zone. */
export type ZoneClock = {
  /** Milliseconds to add to a UTC instant to get its wall-clock time read as if UTC. */
  offsetAt(ms: number): number;
};

/** The offset over one UTC day: `before` until `switchAt`, `after` from then on. */
type DayOffsets = { before: number; after: number; switchAt: number };

const CLOCKS = new Map<string, ZoneClock>();
// Enough for 270 years of trades in one zone; a cache past that is cleared, not grown.
const MAX_CACHED_DAYS = 100_000;

/** The clock of an IANA zone; throws on a zone Intl does not know. */
export function zoneClock(timeZone: string): ZoneClock {
  const known = CLOCKS.get(timeZone);
  if (known !== undefined) return known;
  const clock = createClock(timeZone);
  CLOCKS.set(timeZone, clock);
  return clock;
}

function createClock(timeZone: string): ZoneClock {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new Error(`Unknown time zone: "${timeZone}"`);
  }
  const days = new Map<number, DayOffsets>();
  let lastDay = Number.NaN;
  let last: DayOffsets = { before: 0, after: 0, switchAt: 0 };

  const offsetAtSecond = (second: number): number => {
    const parts = format.formatToParts(second * 1000);
    const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = new Date(0);
    // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
    wall.setUTCFullYear(field('year'), field('month') - 1, field('day'));
    wall.setUTCHours(field('hour'), field('minute'), field('second'), 0);
    return wall.getTime() - second * 1000;
  };

  const offsetsOf = (day: number): DayOffsets => {
    const start = day * 86_400;
    const before = offsetAtSecond(start);
    const after = offsetAtSecond(start + 86_400);
    if (before === after) return { before, after, switchAt: start * 1000 };
    // Find the first second on the new offset; transitions fall on whole seconds.
    let lo = start;
    let hi = start + 86_400;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAtSecond(mid) === before) lo = mid;
      else hi = mid;
    }
    return { before, after, switchAt: hi * 1000 };
  };

  return {
    offsetAt(ms: number): number {
      const day = Math.floor(ms / DAY_MS);
      if (day !== lastDay) {
        let offsets = days.get(day);
        if (offsets === undefined) {
          if (days.size >= MAX_CACHED_DAYS) days.clear();
          offsets = offsetsOf(day);
          days.set(day, offsets);
        }
        last = offsets;
        lastDay = day;
      }
      return ms < last.switchAt ? last.before : last.after;
    },
  };
}

/** Days since 1970-01-01 of a wall-clock time (an instant plus its offset). */
export function dayNumber(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS);
}

/** 'YYYY-MM-DD' of a day number. */
export function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
