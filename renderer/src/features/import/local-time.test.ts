import { describe, expect, it } from 'vitest';
import { localInputToUtc, utcToLocalInput } from './local-time';

const utc = (iso: string) => Date.parse(iso);

describe('localInputToUtc', () => {
  it('reads a fill time in the display zone, winter and summer', () => {
    expect(localInputToUtc('2025-01-15T09:30', 'America/New_York')).toEqual({
      ok: true,
      value: utc('2025-01-15T14:30Z'),
    });
    expect(localInputToUtc('2025-07-15T09:30:15', 'America/New_York')).toEqual({
      ok: true,
      value: utc('2025-07-15T13:30:15Z'),
    });
    expect(localInputToUtc('2025-07-15T09:30', 'Asia/Kolkata')).toEqual({ ok: true, value: utc('2025-07-15T04:00Z') });
    expect(localInputToUtc('2025-07-15T09:30', 'UTC')).toEqual({ ok: true, value: utc('2025-07-15T09:30Z') });
  });

  it('follows the day of the DST change exactly (New York, 9 March 2025)', () => {
    expect(localInputToUtc('2025-03-09T01:59:59', 'America/New_York')).toEqual({
      ok: true,
      value: utc('2025-03-09T06:59:59Z'),
    });
    expect(localInputToUtc('2025-03-09T03:00', 'America/New_York')).toEqual({
      ok: true,
      value: utc('2025-03-09T07:00Z'),
    });
  });

  it('refuses a time the spring-forward skips', () => {
    const gap = localInputToUtc('2025-03-09T02:30', 'America/New_York');
    expect(gap.ok).toBe(false);
    if (!gap.ok) expect(gap.error).toMatch(/does not exist in America\/New_York/);
    expect(localInputToUtc('2025-03-30T01:30', 'Europe/London').ok).toBe(false);
  });

  it('takes the first of a repeated fall-back hour, north and south', () => {
    // 01:30 happens in EDT (05:30Z) and again in EST (06:30Z).
    expect(localInputToUtc('2025-11-02T01:30', 'America/New_York')).toEqual({
      ok: true,
      value: utc('2025-11-02T05:30Z'),
    });
    // Sydney leaves summer time on 6 April 2025: 02:30 AEDT (+11) comes first.
    expect(localInputToUtc('2025-04-06T02:30', 'Australia/Sydney')).toEqual({
      ok: true,
      value: utc('2025-04-05T15:30Z'),
    });
  });

  it('explains an empty or impossible value', () => {
    expect(localInputToUtc('', 'UTC')).toEqual({ ok: false, error: 'Enter the date and time of the fill.' });
    expect(localInputToUtc('2025-04-31T10:00', 'UTC').ok).toBe(false);
    expect(localInputToUtc('2025-01-01T24:00', 'UTC').ok).toBe(false);
    expect(localInputToUtc('14.03.2025 09:30', 'UTC').ok).toBe(false);
  });
});

describe('utcToLocalInput', () => {
  it('shows an instant as the wall clock of the zone, and reads back to the same instant', () => {
    const at = utc('2025-03-14T13:31:05.250Z');
    expect(utcToLocalInput(at, 'America/New_York')).toBe('2025-03-14T09:31:05');
    expect(utcToLocalInput(at, 'Asia/Tokyo')).toBe('2025-03-14T22:31:05');
    expect(localInputToUtc(utcToLocalInput(at, 'America/New_York'), 'America/New_York')).toEqual({
      ok: true,
      value: at - 250,
    });
  });
});
