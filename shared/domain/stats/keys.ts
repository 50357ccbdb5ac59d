import type { Dimension } from './dimension';
import { Interner } from './dimension';
import type { Scratch } from './scratch';
import { DAY_MS, dayKey, dayNumber, HOUR_MS, MINUTE_MS, type ZoneClock } from './time-zone';
import type { HoldingBucket } from './types';

/** Buckets in display order (each includes its lower bound). */
export const HOLDING_BUCKETS: readonly HoldingBucket[] = ['<1m', '1m-5m', '5m-15m', '15m-1h', '1h-4h', '4h-1d', '>=1d'];

function holdingBucket(ms: number): number {
  if (ms < 15 * MINUTE_MS) return ms < MINUTE_MS ? 0 : ms < 5 * MINUTE_MS ? 1 : 2;
  if (ms < 4 * HOUR_MS) return ms < HOUR_MS ? 3 : 4;
  return ms < DAY_MS ? 5 : 6;
}

// The side × holding time × opening weekday × opening hour of a trade, as one bucket number
// (2 × 7 × 7 × 24 = 2352 buckets): one breakdown to sum per trade instead of four.
const HOURS = 24;
const WEEKDAYS = 7;
const HOLDINGS = HOLDING_BUCKETS.length;
const CROSS = 2 * HOLDINGS * WEEKDAYS * HOURS;
const crossParent = (f: (b: number) => number) => Int32Array.from({ length: CROSS }, (_, b) => f(b));

/** Parent of each cross bucket in the side (0 long, 1 short), holding, weekday and hour breakdowns. */
export const CROSS_PARENTS = {
  side: crossParent((b) => Math.floor(b / (HOLDINGS * WEEKDAYS * HOURS))),
  holdingTime: crossParent((b) => Math.floor(b / (WEEKDAYS * HOURS)) % HOLDINGS),
  /** 0 = Monday. */
  weekday: crossParent((b) => Math.floor(b / HOURS) % WEEKDAYS),
  hour: crossParent((b) => b % HOURS),
};

/** The calendar and clock buckets of the closed trades, and their holding times. */
export type TimeKeys = {
  /** Side × holding × weekday × hour, by opening time in the zone; roll up with CROSS_PARENTS. */
  cross: Dimension<number>;
  /** By closing day, 'YYYY-MM-DD'. */
  day: Dimension<string>;
  /** Closing months, 'YYYY-MM', and the month of each day bucket. */
  months: string[];
  dayMonth: Int32Array;
  holdMs: Float64Array;
};

/** Buckets each closed trade by side and by its opening and closing time in the clock's zone. */
export function timeKeys(
  openedAt: Float64Array,
  closedAt: Float64Array,
  side: Int32Array,
  clock: ZoneClock,
  scratch: Scratch,
): TimeKeys {
  const n = openedAt.length;
  const cross = scratch.i32(n);
  const day = scratch.i32(n);
  const holdMs = scratch.f64(n);
  const days = dayIndexFor(closedAt, clock);
  for (let k = 0; k < n; k++) {
    const open = openedAt[k] ?? 0;
    const close = closedAt[k] ?? 0;
    const held = close - open;
    holdMs[k] = held;
    const openWall = open + clock.offsetAt(open);
    // `| 0` keeps day and hour in int32 so % is an integer remainder, not a float fmod call
    // (day numbers fit int32 for ±5 million years).
    const openDay = dayNumber(openWall) | 0;
    // Day 0 (1970-01-01) was a Thursday: index 3 when Monday is 0.
    const weekday = (((openDay + 3) % WEEKDAYS) + WEEKDAYS) % WEEKDAYS;
    const hour = ((openWall - openDay * DAY_MS) / HOUR_MS) | 0;
    cross[k] = (((side[k] ?? 0) * HOLDINGS + holdingBucket(held)) * WEEKDAYS + weekday) * HOURS + hour;
    day[k] = days.of(dayNumber(close + clock.offsetAt(close)));
  }
  const months = new Interner<string>();
  const dayKeys = days.numbers.map(dayKey);
  const dayMonth = Int32Array.from(dayKeys, (key) => months.of(key.slice(0, 7)));
  return {
    cross: { keys: Array.from({ length: CROSS }, (_, b) => b), of: cross, rows: null },
    day: { keys: dayKeys, of: day, rows: null },
    months: months.keys,
    dayMonth,
    holdMs,
  };
}

/**
 * Dense numbers for day numbers, through an array over the journal's span of days (a map
 * lookup per trade cost more than the rest of the bucketing). Falls back to a map for a span
 * too long to index (a stray timestamp decades off).
 */
class DayIndex {
  readonly numbers: number[] = [];
  private readonly slots: Int32Array;
  private readonly fallback = new Map<number, number>();

  /** Days `base` to `base + span - 1` get slots. */
  constructor(
    private readonly base: number,
    span: number,
  ) {
    this.slots = new Int32Array(span <= 200_000 ? Math.max(0, span) : 0).fill(-1);
  }

  of(day: number): number {
    const slot = day - this.base;
    if (slot >= 0 && slot < this.slots.length) {
      const id = this.slots[slot] ?? -1;
      if (id >= 0) return id;
      this.slots[slot] = this.numbers.length;
      return this.add(day);
    }
    return this.fallback.get(day) ?? this.add(day);
  }

  private add(day: number): number {
    const id = this.numbers.length;
    this.numbers.push(day);
    this.fallback.set(day, id);
    return id;
  }
}

/** A day index over the close days of `closedAt`, with a day to spare either side (a wall clock can step back over midnight). */
function dayIndexFor(closedAt: Float64Array, clock: ZoneClock): DayIndex {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < closedAt.length; k++) {
    const close = closedAt[k] ?? 0;
    if (close < min) min = close;
    if (close > max) max = close;
  }
  if (closedAt.length === 0) return new DayIndex(0, 0);
  const first = dayNumber(min + clock.offsetAt(min)) - 1;
  return new DayIndex(first, dayNumber(max + clock.offsetAt(max)) + 2 - first);
}
