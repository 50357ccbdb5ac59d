import type { ParsedInput, StatsResult } from '../../../shared/contract';
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
  /**
   * The last answer, with the filter, time zone and projection revision it was for: asked
   * again before any trade changes for stats (the dashboard opened anew, a refresh after
   * an edit to notes or a rating), it is still right and is given back as it is.
   */
  private last: { key: string; revision: number; result: StatsResult } | null = null;

  constructor(
    store: Store,
    private readonly settings: SettingsService,
  ) {
    this.projection = new StatsProjection(store.db, store);
  }

  get({ filter }: ParsedInput<'stats.get'>): StatsResult {
    const { baseCurrency, displayTimeZone, fxRates } = this.settings.get();
    const conversion = { baseCurrency, fxRates };
    // The revision changes with the base currency or a rate (the projection reloads then).
    const revision = this.projection.current(conversion);
    const key = JSON.stringify([filter, displayTimeZone]);
    if (this.last !== null && this.last.key === key && this.last.revision === revision) return this.last.result;
    const { prepared, positions, unconverted } = this.projection.pick(filter, conversion);
    const stats = prepared.stats(positions, { timeZone: displayTimeZone });
    const result = { ...stats, currency: baseCurrency, timeZone: displayTimeZone, unconverted };
    this.last = { key, revision, result };
    return result;
  }
}
