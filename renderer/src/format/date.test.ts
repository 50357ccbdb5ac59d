import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatDateTime, formatDay, formatTime, formatWhen } from './date';

// 2025-03-14T13:31:05Z: 09:31 in New York (EDT), 13:31 in London (GMT), 22:31 in Tokyo.
const at = Date.UTC(2025, 2, 14, 13, 31, 5);

describe('trade times in the display time zone', () => {
  it('shows the same instant in the trader’s zone', () => {
    expect(formatDateTime(at, 'America/New_York', 'en-US')).toBe('Mar 14, 2025 09:31:05');
    expect(formatTime(at, 'Europe/London', 'en-US')).toBe('13:31:05');
    expect(formatTime(at, 'Asia/Tokyo', 'en-US')).toBe('22:31:05');
  });

  it('moves the date when the zone crosses midnight', () => {
    const lateUtc = Date.UTC(2025, 2, 14, 23, 30);
    expect(formatDate(lateUtc, 'UTC', 'en-US')).toBe('Mar 14, 2025');
    expect(formatDate(lateUtc, 'Asia/Tokyo', 'en-US')).toBe('Mar 15, 2025');
  });

  it('uses a 24-hour clock at midnight', () => {
    expect(formatTime(Date.UTC(2025, 0, 2, 0, 5), 'UTC', 'en-US')).toBe('00:05:00');
    expect(formatClock(Date.UTC(2025, 0, 2, 0, 5), 'UTC', 'en-US')).toBe('00:05');
  });
});

describe('formatDay and formatWhen', () => {
  it('shows a trading day as written, whatever the zone', () => {
    expect(formatDay('2025-03-14', 'en-US')).toBe('Fri, Mar 14, 2025');
    expect(formatDay('not a day')).toBe('not a day');
  });

  it('says never for a backup that has not happened', () => {
    expect(formatWhen(null, 'UTC', 'en-US')).toBe('never');
    expect(formatWhen(at, 'UTC', 'en-US')).toBe('Mar 14, 2025 13:31:05');
  });
});
