import { describe, expect, it } from 'vitest';
import { addDays, closedOnDay, dayRangeMs, dayStartMs } from './zone-day';

describe('days in a time zone', () => {
  it('starts a New York day at 05:00 UTC in winter and 04:00 UTC in summer', () => {
    expect(dayStartMs('2024-01-15', 'America/New_York')).toBe(Date.parse('2024-01-15T05:00:00Z'));
    expect(dayStartMs('2024-07-15', 'America/New_York')).toBe(Date.parse('2024-07-15T04:00:00Z'));
    expect(dayStartMs('2024-07-15', 'Asia/Tokyo')).toBe(Date.parse('2024-07-14T15:00:00Z'));
  });

  it('gives a 23-hour day when the clocks go forward', () => {
    const range = dayRangeMs('2024-03-10', 'America/New_York');
    expect(range).toEqual({ from: Date.parse('2024-03-10T05:00:00Z'), to: Date.parse('2024-03-11T04:00:00Z') - 1 });
  });

  it('refuses a malformed day and steps across month ends', () => {
    expect(dayStartMs('14/03/2024', 'UTC')).toBeNull();
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
  });

  it('bounds the closing time, not the opening, for the trades of a day', () => {
    expect(closedOnDay('2024-01-15', 'America/New_York')).toEqual({
      closedFrom: Date.parse('2024-01-15T05:00:00Z'),
      closedTo: Date.parse('2024-01-16T05:00:00Z') - 1,
    });
    expect(closedOnDay('2024-13-01', 'UTC')).toBeNull();
  });
});
