import type { TradeFilter } from '../../contract/trades';
import type { Outcome } from '../types';
import type { StatsTrade } from './types';

/**
 * The in-memory twin of the core's SQL trade filter (electron/core/journal/trade-query.ts),
 * clause for clause: from/to bound openedAt inclusively (closedFrom/closedTo closedAt, open trades out), an empty accountIds means all
 * accounts, the symbol asked for is upper-cased and compared exactly (like `t.symbol = ?`;
 * symbols are stored upper case), and the outcome is the sign of net P&L, open trades
 * included. The core's projection passes `outcome` to read the stored outcome column (the
 * sign of the trade's own-currency P&L), which is what the SQL compares.
 */
export function filterTrades<T extends StatsTrade>(
  trades: readonly T[],
  filter: TradeFilter,
  outcome: (trade: T) => Outcome | null = (t) => outcomeOf(t.netPnl),
): T[] {
  const symbol = filter.symbol?.toUpperCase();
  const accounts = filter.accountIds !== undefined && filter.accountIds.length > 0 ? new Set(filter.accountIds) : null;
  return trades.filter(
    (t) =>
      (filter.from === undefined || t.openedAt >= filter.from) &&
      (filter.to === undefined || t.openedAt <= filter.to) &&
      (filter.closedFrom === undefined || (t.closedAt !== null && t.closedAt >= filter.closedFrom)) &&
      (filter.closedTo === undefined || (t.closedAt !== null && t.closedAt <= filter.closedTo)) &&
      (accounts === null || accounts.has(t.accountId)) &&
      (symbol === undefined || t.symbol === symbol) &&
      (filter.side === undefined || t.side === filter.side) &&
      (filter.status === undefined || t.status === filter.status) &&
      (filter.playbookId === undefined || t.playbookId === filter.playbookId) &&
      (filter.tagId === undefined || t.tagIds.includes(filter.tagId)) &&
      (filter.outcome === undefined || outcome(t) === filter.outcome),
  );
}

/** Win, loss or breakeven by the sign of a decimal string, without parsing it ("-0.00" is breakeven). */
export function outcomeOf(netPnl: string): Outcome {
  if (!/[1-9]/.test(netPnl)) return 'breakeven';
  return netPnl.startsWith('-') ? 'loss' : 'win';
}
