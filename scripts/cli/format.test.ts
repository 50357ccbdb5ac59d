import { describe, expect, it } from 'vitest';
import { dateTime, money, startOfDay, table } from './format';

describe('CLI formatting', () => {
  it('formats decimal money strings without floating point', () => {
    expect(money('-58.5')).toBe('-58.50');
    expect(money('1234567.125')).toBe('1,234,567.125');
    expect(money('0')).toBe('0.00');
  });
  it('shows times in the trader’s zone and finds day starts across DST', () => {
    expect(dateTime(Date.parse('2025-03-10T13:30:00Z'), 'America/New_York')).toBe('2025-03-10 09:30');
    expect(startOfDay('2025-03-10', 'America/New_York')).toBe(Date.parse('2025-03-10T04:00:00Z'));
    expect(startOfDay('2025-01-10', 'America/New_York')).toBe(Date.parse('2025-01-10T05:00:00Z'));
    expect(startOfDay('2025-01-10', 'UTC')).toBe(Date.parse('2025-01-10T00:00:00Z'));
  });
  it('aligns columns', () => {
    expect(
      table(
        ['Sym', 'P&L'],
        [
          ['ES', '12.50'],
          ['MNQ', '-3.00'],
        ],
      ),
    ).toBe('Sym    P&L\n---  -----\nES   12.50\nMNQ  -3.00');
  });
});
