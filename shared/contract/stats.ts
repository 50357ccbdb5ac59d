import { z } from 'zod';
import type { JournalStats } from '../domain/stats';
import { tradeFilter } from './trades';
import { method } from './define';

/**
 * Dashboard figures for the trades a filter selects. Money is in the journal's base
 * currency; every figure without a value (empty set, zero divisor) is null, never NaN.
 */
export type StatsResult = JournalStats & {
  /** The base currency every money figure is in. */
  currency: string;
  /** The zone calendar days, weekdays and hours are counted in (the display time zone). */
  timeZone: string;
  /** Trades the filter matched but left out: no exchange rate to the base currency. */
  unconverted: number;
};

export const statsContract = {
  /** Every dashboard figure, breakdown and series for the trades the filter selects (as `trades.list` does). */
  'stats.get': method<StatsResult>()(z.object({ filter: tradeFilter.default({}) }).strict()),
};
