import type { CoachTrade } from './types';

/** Net P&L as a number (figures the coach compares, not books). */
export function pnlOf(t: CoachTrade): number {
  return Number(t.netPnl);
}

export function isClosed(t: CoachTrade): t is CoachTrade & { closedAt: number } {
  return t.status === 'closed' && t.closedAt !== null;
}

/** Closed trades in close order (then id), as the stats engine orders them. */
export function closedTrades(trades: readonly CoachTrade[]): (CoachTrade & { closedAt: number })[] {
  return trades.filter(isClosed).sort((a, b) => a.closedAt - b.closedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Money at stake at entry: |quantity| × entry price × multiplier. Comparable across instruments. */
export function exposureOf(t: CoachTrade): number {
  return Math.abs(Number(t.quantity)) * Math.abs(Number(t.entryPrice)) * Number(t.multiplier);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/** The most telling trades first (largest |P&L|), at most `limit` ids. */
export function cite(trades: readonly CoachTrade[], limit = 12): string[] {
  return [...trades]
    .sort((a, b) => Math.abs(pnlOf(b)) - Math.abs(pnlOf(a)))
    .slice(0, limit)
    .map((t) => t.id);
}

/** Win rate and net P&L of a group of closed trades. */
export function tally(trades: readonly CoachTrade[]) {
  const net = trades.reduce((s, t) => s + pnlOf(t), 0);
  const wins = trades.filter((t) => pnlOf(t) > 0).length;
  return { count: trades.length, net, wins, winRate: trades.length === 0 ? null : wins / trades.length };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
