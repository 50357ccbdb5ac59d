/** The analytics engine: dashboard figures, filters and excursions over trades. */
export { computeStats } from './compute-stats';
export { computeExcursions, type Excursion, type ExcursionTrade, type Excursions, type Tick } from './excursions';
export { filterPositions, filterTrades, outcomeOf } from './filter';
export { PreparedStats } from './prepared';
export type {
  Bucket,
  DailyPnl,
  EquitySeries,
  HoldingBucket,
  JournalStats,
  MaxDrawdown,
  RBin,
  StatsBreakdowns,
  StatsOptions,
  StatsSeries,
  StatsSummary,
  StatsTrade,
  Weekday,
} from './types';
