import type { DailyPnl } from '../../../../shared/domain/stats';

/** A month as 'YYYY-MM'. */
export type Month = string;

export type CalendarCell = { day: string; inMonth: boolean; pnl: DailyPnl | null };

const monthName = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** The month in words: "December 2026". */
export function monthTitle(month: Month): string {
  return monthName.format(Date.parse(`${month}-01T00:00:00Z`));
}

/** The month before or after. */
export function shiftMonth(month: Month, by: number): Month {
  const [y, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

/**
 * The month's weeks, Monday first, padded with the neighbouring months' days so every row
 * has seven cells. Each cell carries that day's P&L when trades closed on it.
 */
export function monthGrid(month: Month, daily: readonly DailyPnl[]): CalendarCell[][] {
  const [y, m] = month.split('-').map(Number);
  const first = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
  // getUTCDay: 0 = Sunday; step back to the Monday on or before the 1st.
  const lead = (first.getUTCDay() + 6) % 7;
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const weeks: CalendarCell[][] = [];
  let cursor = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1 - lead);
  do {
    const week: CalendarCell[] = [];
    for (let i = 0; i < 7; i++) {
      const day = new Date(cursor).toISOString().slice(0, 10);
      week.push({ day, inMonth: day.startsWith(month), pnl: byDay.get(day) ?? null });
      cursor += 86_400_000;
    }
    weeks.push(week);
  } while (new Date(cursor).toISOString().startsWith(month));
  return weeks;
}

/** The month to open on: the latest one with a closed trade, else the current one. */
export function initialMonth(daily: readonly DailyPnl[], today: Date): Month {
  return daily.at(-1)?.day.slice(0, 7) ?? today.toISOString().slice(0, 7);
}

/** Colour strength 0–1 of a day: its |P&L| against the month's largest, so one month reads on its own. */
export function intensity(pnl: DailyPnl | null, largest: number): number {
  if (pnl === null || largest <= 0) return 0;
  return Math.min(1, Math.abs(Number(pnl.netPnl)) / largest);
}

/** The month's total and its largest |day|. */
export function monthTotals(weeks: CalendarCell[][]): { largest: number; net: number; days: number; trades: number } {
  let largest = 0;
  let net = 0;
  let days = 0;
  let trades = 0;
  for (const cell of weeks.flat()) {
    if (!cell.inMonth || cell.pnl === null) continue;
    const value = Number(cell.pnl.netPnl);
    largest = Math.max(largest, Math.abs(value));
    net += value;
    days++;
    trades += cell.pnl.trades;
  }
  return { largest, net, days, trades };
}
