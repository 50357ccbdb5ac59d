import type { ParsedInput, StatsResult } from '../../../shared/contract';
import { computeStats } from '../../../shared/domain/stats';
import type { SettingsService } from './settings';
import { StatsProjection } from './stats-projection';
import type { Store } from './store';

/**
 * Dashboard statistics: the trades the list's filter selects, taken from the in-memory
 * projection (stats-projection.ts), then the engine. `statsFromSql` (stats-rows.ts) is the
 * same answer read straight from SQL, which the projection is tested against.
 */
export class Stats {
  private readonly projection: StatsProjection;

  constructor(
    store: Store,
    private readonly settings: SettingsService,
  ) {
    this.projection = new StatsProjection(store.db, store);
  }

  get({ filter }: ParsedInput<'stats.get'>): StatsResult {
    const { baseCurrency, displayTimeZone, fxRates } = this.settings.get();
    const { trades, unconverted } = this.projection.select(filter, { baseCurrency, fxRates });
    const stats = computeStats(trades, { timeZone: displayTimeZone });
    return { ...stats, currency: baseCurrency, timeZone: displayTimeZone, unconverted: unconverted.length };
  }
}
