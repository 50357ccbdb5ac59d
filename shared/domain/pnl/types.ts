import type { AssetClass, Decimal, ExecutionSide, TradeSide, TradeStatus } from '../types';

/**
 * One fill as the engine needs it. Quantity is positive, in contracts / shares / coins, and
 * for forex in units of the base currency (not lots: see forexLotsToUnits). Fee is the total
 * cost of the fill, positive = paid, in `currency`, the currency the price is quoted in.
 */
export type EngineExecution = {
  id: string;
  accountId: string;
  symbol: string;
  assetClass: AssetClass;
  side: ExecutionSide;
  quantity: Decimal;
  price: Decimal;
  fee: Decimal;
  currency: string;
  executedAt: number;
};

/** Currency → rate to the base currency (1 unit of it = rate units of base), as decimals. */
export type FxRates = Readonly<Record<string, Decimal>>;

/** Optional conversion of each trade's net P&L into one base currency. */
export type EngineOptions = {
  fxRates?: FxRates;
  baseCurrency?: string;
};

/** Whether a leg added to the position or took it back towards flat. */
export type LegRole = 'open' | 'close';

/** The part of one execution that belongs to one trade. */
export type TradeLeg = {
  executionId: string;
  quantity: Decimal;
  fee: Decimal;
  role: LegRole;
};

/** A round trip (or a still open position) derived from executions. */
export type EngineTrade = {
  /** The first leg's execution id, plus REVERSAL_SUFFIX when the trade began mid-fill. */
  id: string;
  accountId: string;
  symbol: string;
  assetClass: AssetClass;
  side: TradeSide;
  status: TradeStatus;
  openedAt: number;
  closedAt: number | null;
  /** closedAt − openedAt; null while open. */
  holdingMs: number | null;
  /** Largest absolute position held during the trade. */
  quantity: Decimal;
  /** Quantity-weighted average of the opening fills. */
  entryPrice: Decimal;
  /** Quantity-weighted average of the closing fills; null before any exit. */
  exitPrice: Decimal | null;
  /** Realized (FIFO) P&L × multiplier, before fees. */
  grossPnl: Decimal;
  fees: Decimal;
  netPnl: Decimal;
  /** netPnl in the base currency; null without conversion options or without a rate. */
  netPnlBase: Decimal | null;
  currency: string;
  multiplier: Decimal;
  legs: TradeLeg[];
};

/** Stable codes the UI can put into words. */
export type EngineWarningCode =
  | 'unknown-futures-root'
  | 'instrument'
  | 'invalid-execution'
  | 'duplicate-execution-id'
  | 'currency-mismatch'
  | 'missing-fx-rate';

/** Something the trader should know about the result; the P&L was still computed. */
export type EngineWarning = {
  code: EngineWarningCode;
  accountId: string | null;
  symbol: string;
  executionId: string | null;
  message: string;
};

/** Trades ordered by (openedAt, id), and warnings in a stable order. */
export type EngineResult = {
  trades: EngineTrade[];
  warnings: EngineWarning[];
};
