import type { TradeFilter } from '../../contract/trades';
import type { Outcome } from '../types';
import type { StatsTrade } from './types';

/**
 * The in-memory twin of the core's SQL trade filter (electron/core/journal/trade-query.ts):
 * from/to bound openedAt inclusively, an empty accountIds means all accounts, symbols match
 * case-insensitively, and the outcome is the sign of netPnl, open trades included.
 */
export function filterTrades<T extends StatsTrade>(trades: readonly T[], filter: TradeFilter): T[] {
  const symbol = filter.symbol?.toUpperCase();
  const accounts = filter.accountIds !== undefined && filter.accountIds.length > 0 ? new Set(filter.accountIds) : null;
  return trades.filter(
    (t) =>
      (filter.from === undefined || t.openedAt >= filter.from) &&
      (filter.to === undefined || t.openedAt <= filter.to) &&
      (accounts === null || accounts.has(t.accountId)) &&
      (symbol === undefined || t.symbol.toUpperCase() === symbol) &&
      (filter.side === undefined || t.side === filter.side) &&
      (filter.status === undefined || t.status === filter.status) &&
      (filter.playbookId === undefined || t.playbookId === filter.playbookId) &&
      (filter.tagId === undefined || t.tagIds.includes(filter.tagId)) &&
      (filter.outcome === undefined || outcomeOf(t.netPnl) === filter.outcome),
  );
}

/** Win, loss or breakeven by the sign of a decimal string, without parsing it ("-0.00" is breakeven). */
export function outcomeOf(netPnl: string): Outcome {
  if (!/[1-9]/.test(netPnl)) return 'breakeven';
  return netPnl.startsWith('-') ? 'loss' : 'win';
}
