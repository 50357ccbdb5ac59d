/** The P&L engine: executions in, round-trip trades out. */
export { groupExecutionsIntoTrades, REVERSAL_SUFFIX } from './group';
export { computeRMultiple, R_MULTIPLE_DP, type RMultipleInput } from './r-multiple';
export type {
  EngineExecution,
  EngineOptions,
  EngineResult,
  EngineTrade,
  EngineWarning,
  EngineWarningCode,
  FxRates,
  LegRole,
  TradeLeg,
} from './types';
