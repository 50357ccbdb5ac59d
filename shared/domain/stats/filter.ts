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
  const matches = tradeMatcher(filter, outcome);
  return matches === null ? trades.slice() : trades.filter(matches);
}

/** Positions of the trades filterTrades keeps, ascending; null when the filter keeps them all. */
export function filterPositions<T extends StatsTrade>(
  trades: readonly T[],
  filter: TradeFilter,
  outcome: (trade: T) => Outcome | null,
): Int32Array | null {
  const matches = tradeMatcher(filter, outcome);
  if (matches === null) return null;
  const kept = new Int32Array(trades.length);
  let n = 0;
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i];
    if (t !== undefined && matches(t)) kept[n++] = i;
  }
  return kept.subarray(0, n);
}

/** The filter as one test per trade (only its clauses), or null when it has none. */
function tradeMatcher<T extends StatsTrade>(
  filter: TradeFilter,
  outcome: (trade: T) => Outcome | null,
): ((trade: T) => boolean) | null {
  const { from, to, side, status, playbookId, tagId } = filter;
  const symbol = filter.symbol?.toUpperCase();
  const accounts = filter.accountIds !== undefined && filter.accountIds.length > 0 ? new Set(filter.accountIds) : null;
  const tests: ((t: T) => boolean)[] = [];
  if (from !== undefined) tests.push((t) => t.openedAt >= from);
  if (to !== undefined) tests.push((t) => t.openedAt <= to);
  const { closedFrom, closedTo } = filter;
  if (closedFrom !== undefined) tests.push((t) => t.closedAt !== null && t.closedAt >= closedFrom);
  if (closedTo !== undefined) tests.push((t) => t.closedAt !== null && t.closedAt <= closedTo);
  if (accounts !== null) tests.push((t) => accounts.has(t.accountId));
  if (symbol !== undefined) tests.push((t) => t.symbol === symbol);
  if (side !== undefined) tests.push((t) => t.side === side);
  if (status !== undefined) tests.push((t) => t.status === status);
  if (playbookId !== undefined) tests.push((t) => t.playbookId === playbookId);
  if (tagId !== undefined) tests.push((t) => t.tagIds.includes(tagId));
  if (filter.outcome !== undefined) {
    const wanted = filter.outcome;
    tests.push((t) => outcome(t) === wanted);
  }
  if (tests.length === 0) return null;
  const [only] = tests;
  if (tests.length === 1 && only !== undefined) return only;
  return (t) => tests.every((test) => test(t));
}

/** Win, loss or breakeven by the sign of a decimal string, without parsing it ("-0.00" is breakeven). */
export function outcomeOf(netPnl: string): Outcome {
  if (!/[1-9]/.test(netPnl)) return 'breakeven';
  return netPnl.startsWith('-') ? 'loss' : 'win';
}
