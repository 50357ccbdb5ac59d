/** Calendar and number text for the generated broker exports (UTC days, US trading days). */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Integer units at a scale as a decimal string, with at least `minDecimals` places. */
export function fixed(units: number, scale: number, minDecimals: number): string {
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  const cut = digits.length - scale;
  const fraction = digits.slice(cut).replace(/0+$/, '').padEnd(minDecimals, '0');
  return `${units < 0 ? '-' : ''}${digits.slice(0, cut)}${fraction ? `.${fraction}` : ''}`;
}

export type DateTexts = { day: number; trade: string; settle: string; short: string };
let lastDates: DateTexts = { day: Number.NaN, trade: '', settle: '', short: '' };

/** Date text of the fill's day, worked out once per day (rows come in time order): TradeZero's T/D and S/D, NinjaTrader's date. */
export function dates(at: number): DateTexts {
  const day = Math.floor(at / DAY) * DAY;
  if (day !== lastDates.day) {
    // Settlement is T+1 business day.
    lastDates = { day, trade: mdy(day, true), settle: mdy(tradingDayAfter(day, 1), true), short: mdy(day, false) };
  }
  return lastDates;
}

/** "03/07/2025" (padded, TradeZero) or "3/7/2025" (NinjaTrader, en-US). */
export function mdy(at: number, padded: boolean): string {
  const d = new Date(at);
  const pad = (n: number) => (padded ? String(n).padStart(2, '0') : String(n));
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
}

export function clock24(at: number): string {
  return new Date(at).toISOString().slice(11, 19);
}

export function clock12(at: number): string {
  const text = clock24(at);
  const h = Number(text.slice(0, 2));
  return `${h % 12 === 0 ? 12 : h % 12}${text.slice(2)} ${h < 12 ? 'AM' : 'PM'}`;
}

export function isTradingDay(day: number): boolean {
  const d = new Date(day);
  const weekday = d.getUTCDay();
  const md = `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
  return weekday !== 0 && weekday !== 6 && md !== '1/1' && md !== '7/4' && md !== '12/25';
}

export function tradingDayAfter(day: number, count: number): number {
  let d = day;
  for (let n = 0; n < count;) {
    d += DAY;
    if (isTradingDay(d)) n++;
  }
  return d;
}

/** The trading day a fill belongs to: its calendar day, or for futures after 18:00 the next one. */
export function tradingDayOf(at: number, future: boolean): number {
  const midnight = Math.floor(at / DAY) * DAY;
  if (future && at - midnight >= 18 * 60 * MINUTE) return tradingDayAfter(midnight, 1);
  return isTradingDay(midnight) ? midnight : tradingDayAfter(midnight, 1);
}
