/** Choices a generic CSV mapping offers; zod-free so the UI can use them without the schema. */

/**
 * Date layouts a mapping can name. '-', '/' and '.' separate year-first dates alike; the time
 * part (h:mm[:ss][.fff] [AM/PM] [offset]) is free, and an offset in the cell beats the zone.
 */
export const GENERIC_DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYYMMDD',
  'MM/DD/YYYY',
  'DD/MM/YYYY',
  'DD.MM.YYYY',
  'unix-seconds',
  'unix-milliseconds',
] as const;
export type GenericDateFormat = (typeof GENERIC_DATE_FORMATS)[number];

/** Split a '|'-separated list of header names or values. */
export function words(list: string): string[] {
  return list.split('|');
}

/** Side texts read as buy / sell unless a mapping lists its own (compared upper-cased). */
export const DEFAULT_BUY_VALUES: readonly string[] = words(
  'B|BUY|BOT|BOUGHT|BC|BTO|BTC|BUY TO OPEN|BUY TO CLOSE|BUY TO COVER|COVER',
);
export const DEFAULT_SELL_VALUES: readonly string[] = words(
  'S|SELL|SLD|SOLD|SS|STO|STC|SELL SHORT|SELL TO OPEN|SELL TO CLOSE|SHORT',
);
