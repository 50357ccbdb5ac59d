import { describe, expect, it } from 'vitest';
import { initialMonth, intensity, monthGrid, monthTotals, shiftMonth } from './calendar';

describe('P&L calendar', () => {
  it('lays a month out Monday first, padded to whole weeks', () => {
    // March 2024 starts on a Friday and ends on a Sunday: five rows, 26 Feb to 31 Mar.
    const weeks = monthGrid('2024-03', []);
    expect(weeks).toHaveLength(5);
    expect(weeks[0]?.[0]?.day).toBe('2024-02-26');
    expect(weeks[0]?.[4]).toMatchObject({ day: '2024-03-01', inMonth: true });
    expect(weeks.at(-1)?.[6]?.day).toBe('2024-03-31');
    expect(weeks.flat().filter((c) => c.inMonth)).toHaveLength(31);
    // September 2024 starts on a Sunday: six rows.
    expect(monthGrid('2024-09', [])).toHaveLength(6);
  });

  it('puts each day’s P&L on its cell and totals only the month’s own days', () => {
    const daily = [
      { day: '2024-02-29', netPnl: '500', trades: 1 },
      { day: '2024-03-04', netPnl: '-120.5', trades: 2 },
      { day: '2024-03-05', netPnl: '80', trades: 3 },
    ];
    const weeks = monthGrid('2024-03', daily);
    expect(weeks[1]?.[0]?.pnl?.netPnl).toBe('-120.5');
    expect(monthTotals(weeks)).toEqual({ largest: 120.5, net: -40.5, days: 2, trades: 5 });
    expect(intensity(daily[2] ?? null, 120.5)).toBeCloseTo(80 / 120.5);
    expect(intensity(null, 120.5)).toBe(0);
  });

  it('steps across years and opens on the latest month with trades', () => {
    expect(shiftMonth('2024-01', -1)).toBe('2023-12');
    expect(shiftMonth('2024-12', 1)).toBe('2025-01');
    expect(initialMonth([{ day: '2023-05-02', netPnl: '1', trades: 1 }], new Date('2025-01-01'))).toBe('2023-05');
    expect(initialMonth([], new Date('2025-01-09T12:00:00Z'))).toBe('2025-01');
  });
});
