import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inferDateOrder,
  isValidTimeZone,
  parseBrokerTime,
  parseDateTimeText,
  timeZoneOffsetMs,
  zonedTimeToUtc,
  type TimeOptions,
} from './time';

const NY: TimeOptions = { timeZone: 'America/New_York' };
const utc = (text: string, options: TimeOptions = NY) => {
  const parsed = parseBrokerTime(text, options);
  return parsed.ok ? new Date(parsed.value).toISOString() : `error: ${parsed.error}`;
};

describe('parseBrokerTime with an explicit offset', () => {
  it.each([
    ['2025-04-03T09:31:22.123-04:00', '2025-04-03T13:31:22.123Z'],
    ['2025-04-03T09:31:22+0000', '2025-04-03T09:31:22.000Z'],
    ['2025-04-03T09:31:22Z', '2025-04-03T09:31:22.000Z'],
    ['05/08/2025 11:22:07 -04:00', '2025-05-08T15:22:07.000Z'],
    ['2025-04-03 09:31:22 +05:30', '2025-04-03T04:01:22.000Z'],
    ['11/12/22 11:27:19 EST', '2022-11-12T16:27:19.000Z'],
    ['2025-04-03T09:31:22.1234567Z', '2025-04-03T09:31:22.123Z'],
  ])('%s → %s (the zone option is ignored)', (text, expected) => {
    expect(utc(text, { timeZone: 'Asia/Tokyo' })).toBe(expected);
  });
});

describe('parseBrokerTime in a zone', () => {
  it.each([
    // January: New York is UTC-5.
    ['1/28/2025 10:59:52 AM', '2025-01-28T15:59:52.000Z'],
    ['1/28/2025 12:00:01 PM', '2025-01-28T17:00:01.000Z'],
    ['1/28/2025 12:00:01 AM', '2025-01-28T05:00:01.000Z'],
    // Summer: UTC-4.
    ['2023.09.08 12:01:02', '2023-09-08T16:01:02.000Z'],
    ['20250403;093122', '2025-04-03T13:31:22.000Z'],
    ['2025-04-03 09:31:22', '2025-04-03T13:31:22.000Z'],
    ['11/12/22', '2022-11-12T05:00:00.000Z'],
    ['11/12/2022 11:27', '2022-11-12T16:27:00.000Z'],
    ['08/08/2022 09:47:59', '2022-08-08T13:47:59.000Z'],
  ])('%s in New York → %s', (text, expected) => {
    expect(utc(text)).toBe(expected);
  });

  it('reads day-first dates when told, and always for dotted year-last dates', () => {
    expect(utc('03/04/2025 10:00', { timeZone: 'Europe/Berlin', dateOrder: 'dmy' })).toBe('2025-04-03T08:00:00.000Z');
    expect(utc('28.01.2025 10:59:52', { timeZone: 'Europe/Berlin' })).toBe('2025-01-28T09:59:52.000Z');
  });

  it('follows DST on both sides of the spring-forward weekend', () => {
    expect(utc('3/7/2025 9:30:00 AM')).toBe('2025-03-07T14:30:00.000Z');
    expect(utc('3/10/2025 9:30:00 AM')).toBe('2025-03-10T13:30:00.000Z');
  });

  it('takes the earlier instant in the repeated fall-back hour', () => {
    // 01:30 happens twice on 2024-11-03 in New York: 05:30Z (EDT) and 06:30Z (EST).
    expect(utc('2024-11-03 01:30:00')).toBe('2024-11-03T05:30:00.000Z');
    expect(utc('2024-11-03 00:59:59')).toBe('2024-11-03T04:59:59.000Z');
    expect(utc('2024-11-03 02:00:00')).toBe('2024-11-03T07:00:00.000Z');
  });

  it('moves a time in the spring-forward gap forward by the gap', () => {
    // 02:30 does not exist on 2024-03-10 in New York; it is read as 03:30 EDT.
    expect(utc('2024-03-10 02:30:00')).toBe('2024-03-10T07:30:00.000Z');
    expect(utc('2024-03-10 03:00:00')).toBe('2024-03-10T07:00:00.000Z');
  });

  it('handles zones east of UTC and half-hour zones', () => {
    expect(utc('2024-10-27 02:30:00', { timeZone: 'Europe/Berlin' })).toBe('2024-10-27T00:30:00.000Z');
    expect(utc('2025-01-01 00:00:00', { timeZone: 'Asia/Kolkata' })).toBe('2024-12-31T18:30:00.000Z');
  });

  it.each([
    ['2/30/2024', 'day outside 1-29'],
    ['13/01/2025', 'month outside'],
    ['1/28/2025 13:00:00 PM', 'hour outside 1-12'],
    ['1/28/2025 24:00:00', 'impossible time'],
    ['yesterday', 'not a date'],
    ['1/28/2025 10:00 later', 'unexpected text'],
    ['1/28/2025 10:00 XYZ', 'unknown zone'],
  ])('rejects %j (%s)', (text, why) => {
    expect(utc(text)).toContain(why);
  });

  it('reports an unknown zone as an error value', () => {
    expect(utc('1/28/2025', { timeZone: 'Mars/Olympus' })).toContain('unknown time zone');
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('America/Chicago')).toBe(true);
  });

  it('maps every instant back to itself through its own wall-clock time', () => {
    const zones = ['America/New_York', 'America/Chicago', 'Europe/London', 'Australia/Sydney', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const whole = Math.floor(instant / 1000) * 1000;
          const wall = new Date(whole + timeZoneOffsetMs(zone, whole));
          const local = {
            year: wall.getUTCFullYear(),
            month: wall.getUTCMonth() + 1,
            day: wall.getUTCDate(),
            hour: wall.getUTCHours(),
            minute: wall.getUTCMinutes(),
            second: wall.getUTCSeconds(),
            millisecond: 0,
          };
          const back = zonedTimeToUtc(local, zone);
          // In a repeated hour the earlier instant is returned, one offset change (≤ 1 h) before.
          expect(
            back === whole ||
              (back < whole &&
                whole - back <= 3_600_000 &&
                timeZoneOffsetMs(zone, back) !== timeZoneOffsetMs(zone, whole)),
          ).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('inferDateOrder', () => {
  it('decides from the first date whose numbers only fit one order', () => {
    expect(inferDateOrder(['03/04/2025 10:00', '28/01/2025 10:00'])).toBe('dmy');
    expect(inferDateOrder(['03/04/2025', '1/28/2025 10:59:52 AM'])).toBe('mdy');
    expect(inferDateOrder(['03/04/2025', '2025-01-28', '28.01.2025'])).toBeNull();
  });
});

describe('parseDateTimeText', () => {
  it('returns wall-clock fields and the offset when there is one', () => {
    const parsed = parseDateTimeText('20250403;093122');
    expect(parsed).toEqual({
      ok: true,
      value: {
        local: { year: 2025, month: 4, day: 3, hour: 9, minute: 31, second: 22, millisecond: 0 },
        offsetMinutes: null,
      },
    });
    const withOffset = parseDateTimeText('2025-04-03T09:31:22-04:00');
    expect(withOffset.ok && withOffset.value.offsetMinutes).toBe(-240);
  });

  it('expands two-digit years the POSIX way', () => {
    const year = (text: string) => {
      const parsed = parseDateTimeText(text);
      return parsed.ok ? parsed.value.local.year : null;
    };
    expect(year('11/12/22')).toBe(2022);
    expect(year('11/12/68')).toBe(2068);
    expect(year('11/12/69')).toBe(1969);
  });
});
