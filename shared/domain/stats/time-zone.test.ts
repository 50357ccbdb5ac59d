import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayKey, dayNumber, zoneClock } from './time-zone';

/** Wall-clock time of an instant in a zone, straight from Intl, as 'YYYY-MM-DD HH:mm:ss'. */
function intlWall(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

const wall = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

// Zones with daylight time, half- and quarter-hour offsets, a 30-minute daylight shift
// (Lord Howe), midnight switches (Beirut, Havana) and a skipped day (Apia, 2011-12-30).
const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Asia/Beirut',
  'America/Havana',
  'Pacific/Apia',
  'UTC',
];

describe('zoneClock', () => {
  it('gives the wall-clock time Intl gives, around switches too', () => {
    const from = Date.parse('2010-01-01T00:00:00Z');
    const to = Date.parse('2027-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: from, max: to }), (zone, ms) => {
        expect(wall(ms + zoneClock(zone).offsetAt(ms))).toBe(intlWall(ms, zone));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the wall-clock time Intl gives within two days of known switches', () => {
    // Days some of the zones above changed offset (UTC dates; ±2 days covers every zone's local date).
    const switches = [
      '2011-12-30', // Apia skips to the other side of the date line
      '2024-03-10', // New York, Havana (at midnight)
      '2024-03-31', // London, Beirut (at midnight)
      '2024-04-07', // Lord Howe (back 30 minutes), Chatham
      '2024-09-29', // Chatham
      '2024-10-06', // Lord Howe (forward 30 minutes)
      '2024-10-27', // London, Beirut (back to the previous day)
      '2024-11-03', // New York, Havana
    ].map(Date.parse);
    const instant = fc
      .tuple(fc.constantFrom(...switches), fc.integer({ min: -2 * 86_400, max: 2 * 86_400 }))
      .map(([day, second]) => day + second * 1000);
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, ms) => {
        expect(wall(ms + zoneClock(zone).offsetAt(ms))).toBe(intlWall(ms, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('switches at the exact second', () => {
    // New York sprang forward at 2024-03-10 07:00:00 UTC (02:00 EST became 03:00 EDT).
    const clock = zoneClock('America/New_York');
    const at = Date.parse('2024-03-10T07:00:00Z');
    expect(clock.offsetAt(at - 1)).toBe(-5 * 3_600_000);
    expect(clock.offsetAt(at)).toBe(-4 * 3_600_000);
  });

  it('names days and rejects unknown zones', () => {
    expect(dayKey(dayNumber(Date.parse('2024-02-29T23:59:59Z')))).toBe('2024-02-29');
    expect(dayKey(-1)).toBe('1969-12-31');
    expect(() => zoneClock('Not/AZone')).toThrow('Unknown time zone: "Not/AZone"');
  });
});
