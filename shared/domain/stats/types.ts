import type { Decimal, Trade, TradeSide } from '../types';

/**
 * Types of the analytics engine. Money is an exact decimal string; averages and ratios are
 * plain numbers; every figure over an empty set, or with a zero divisor, is null ("n/a").
 * Rates and shares are fractions (0.55 = 55 %), not percentages.
 */

/** The lean projection of a trade that stats read (the core selects exactly these columns). */
export type StatsTrade = Pick<
  Trade,
  | 'id'
  | 'accountId'
  | 'symbol'
  | 'side'
  | 'status'
  | 'openedAt'
  | 'closedAt'
  | 'netPnl'
  | 'grossPnl'
  | 'fees'
  | 'rMultiple'
  | 'playbookId'
  | 'tagIds'
  | 'quantity'
>;

/** How figures are bucketed and scaled. */
export type StatsOptions = {
  /** IANA zone for calendar days, months, weekdays and hours ("America/New_York"). */
  timeZone: string;
  /** Account equity before the first trade; the base of the drawdown fraction. */
  initialEquity?: Decimal;
  /** Sharpe/Sortino subtract no risk-free return: the series is money, not returns on capital. */
  riskFreeRate?: 0;
};

/** The deepest fall of the equity curve below a previous high, and how long it lasted. */
export type MaxDrawdown = {
  /** Peak equity minus trough equity, ≥ 0 ("0" when the curve never fell). */
  amount: Decimal;
  /** amount ÷ (initialEquity + cumulative P&L at the peak); null without closed trades or a positive base. */
  ofPeakEquity: number | null;
  /** When the peak was set (UTC ms): a close time, or the first trade's opening if the fall began at once. */
  peakAt: number | null;
  troughAt: number | null;
  /** The first close back at or above the peak; null while still under water. */
  recoveredAt: number | null;
  /** recoveredAt as a calendar day ('YYYY-MM-DD') in the stats time zone. */
  recoveryDay: string | null;
  /** Calendar days from the peak to the recovery, or to the last close when not recovered. */
  durationDays: number | null;
};

/** Headline figures over closed trades (open trades only counted). */
export type StatsSummary = {
  closedTrades: number;
  openTrades: number;
  /** Outcome is the sign of net P&L, as the trade filter defines it. */
  wins: number;
  losses: number;
  breakeven: number;
  /** wins ÷ closed trades (breakeven trades count in the denominator). */
  winRate: number | null;
  /** Sum of winning net P&L, ≥ 0. */
  grossProfit: Decimal;
  /** Sum of losing net P&L, ≤ 0. */
  grossLoss: Decimal;
  /** grossProfit ÷ |grossLoss|; null when there is no loss (never Infinity). */
  profitFactor: number | null;
  /** Mean net P&L per closed trade, in money. */
  expectancy: number | null;
  /** Mean R over the closed trades that have an R multiple. */
  expectancyR: number | null;
  /** How many closed trades have an R multiple. */
  rTrades: number;
  averageWin: number | null;
  /** Mean net P&L of losing trades, < 0. */
  averageLoss: number | null;
  /** averageWin ÷ |averageLoss|. */
  payoffRatio: number | null;
  largestWin: Decimal | null;
  /** The most negative net P&L. */
  largestLoss: Decimal | null;
  netPnl: Decimal;
  grossPnl: Decimal;
  fees: Decimal;
  /**
   * Total fees ÷ the sum of grossPnl over trades whose grossPnl is positive: the share of the
   * money won before costs that went on costs. Null when no trade made money before costs.
   */
  commissionShare: number | null;
  maxDrawdown: MaxDrawdown;
  /**
   * Calendar days (stats time zone) with at least one close: the Sharpe/Sortino sample. Days
   * without trades are left out, not counted as 0: the journal does not know the exchange
   * calendar, and zero days would shrink the spread and inflate both ratios.
   */
  tradingDays: number;
  /** mean ÷ sample standard deviation of daily net P&L × √252; null under two days or zero spread. */
  sharpe: number | null;
  /** mean ÷ downside deviation (√(Σ min(0, x)² ÷ n)) of daily net P&L × √252; null without a losing day. */
  sortino: number | null;
  /** Consecutive wins / losses in close order; a breakeven trade ends both. */
  longestWinStreak: number;
  longestLossStreak: number;
  /** Mean time from open to close, in ms. */
  averageHoldWinnersMs: number | null;
  averageHoldLosersMs: number | null;
};

/** One group of a breakdown. Only closed trades are counted. */
export type Bucket<K> = {
  key: K;
  trades: number;
  wins: number;
  losses: number;
  winRate: number | null;
  netPnl: Decimal;
  /** Mean R over this bucket's trades that have one. */
  avgR: number | null;
  profitFactor: number | null;
};

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Time from open to close; each bucket includes its lower bound ("1m-5m" is [1 min, 5 min)). */
export type HoldingBucket = '<1m' | '1m-5m' | '5m-15m' | '15m-1h' | '1h-4h' | '4h-1d' | '>=1d';

/** Every breakdown the dashboard shows. */
export type StatsBreakdowns = {
  /** By playbook id; key null = no playbook. Sorted by key, null last. */
  playbook: Bucket<string | null>[];
  /** By tag id; a trade with several tags counts in each; key null = untagged. */
  tag: Bucket<string | null>[];
  symbol: Bucket<string>[];
  side: Bucket<TradeSide>[];
  /** By opening time in the stats time zone; all seven, empty ones included. */
  weekday: Bucket<Weekday>[];
  /** By opening hour (0–23) in the stats time zone; all 24. */
  hour: Bucket<number>[];
  holdingTime: Bucket<HoldingBucket>[];
  /** By closing month ('YYYY-MM'), like the daily P&L, so months add up to their days. */
  month: Bucket<string>[];
};

/**
 * The equity curve and its drawdown, one entry per closed trade in close order. Columnar so
 * 100k points cost four arrays rather than 100k objects. Values are numbers, not decimal
 * strings: each is summed exactly and rounded once to the nearest double (no drift; exact as
 * a decimal up to 15 significant digits), because 200k strings took ~20 ms of the 50 ms budget in
 * formatting and garbage collection. The exact final figure is summary.netPnl.
 */
export type EquitySeries = {
  tradeIds: string[];
  closedAt: number[];
  /** Cumulative net P&L after each trade (initialEquity not included). */
  equity: number[];
  /** equity minus its running peak (the start counts as a peak at 0): ≤ 0. */
  drawdown: number[];
};

/** Net P&L of the trades closed on one calendar day in the stats time zone. */
export type DailyPnl = { day: string; netPnl: Decimal; trades: number };

/** R-multiple histogram bin: [from, to); null = unbounded. */
export type RBin = { from: number | null; to: number | null; trades: number };

/** Series for charts. */
export type StatsSeries = {
  equity: EquitySeries;
  /** Days with at least one close, ascending. */
  daily: DailyPnl[];
  /** Fourteen bins: below −3, 0.5 R wide from −3 to 3, then 3 and above. */
  rHistogram: RBin[];
};

/** Everything the dashboard shows for one set of trades. */
export type JournalStats = {
  summary: StatsSummary;
  breakdowns: StatsBreakdowns;
  series: StatsSeries;
};
