import type { StatsSummary } from '../stats';
import { duration, money, percent } from './format';
import { cite, closedTrades, exposureOf, plural, tally } from './trades';
import type { CoachContext, CoachTrade, Insight } from './types';

/** Losers held this many times longer than winners is a habit worth naming. */
export const HOLD_RATIO = 1.5;
/** A trade opened this soon after a losing trade closed, with more at stake, is revenge. */
export const REVENGE_WINDOW_MS = 15 * 60_000;

/**
 * Holding losers longer than winners (hoping they come back), or the healthy opposite.
 * Reads the stats engine's average holds; needs `minEach` winners and losers.
 */
export function holdingInsights(trades: readonly CoachTrade[], summary: StatsSummary, minEach = 5): Insight[] {
  const win = summary.averageHoldWinnersMs;
  const loss = summary.averageHoldLosersMs;
  if (win === null || loss === null || summary.wins < minEach || summary.losses < minEach || win <= 0) return [];
  const losers = closedTrades(trades).filter((t) => Number(t.netPnl) < 0);
  const held = (t: CoachTrade & { closedAt: number }) => t.closedAt - t.openedAt;
  const figures = `Losers are held ${duration(loss)} on average, winners ${duration(win)} (${plural(summary.losses, 'loser')}, ${plural(summary.wins, 'winner')}).`;
  if (loss >= win * HOLD_RATIO) {
    return [
      {
        key: 'holding.losers-longer',
        kind: 'holding',
        severity: 'warning',
        title: 'You hold losers longer than winners',
        detail: `${figures} Waiting for a loser to come back lets small losses grow; decide the exit before the entry.`,
        tradeIds: [...losers]
          .sort((a, b) => held(b) - held(a))
          .slice(0, 12)
          .map((t) => t.id),
      },
    ];
  }
  if (loss * HOLD_RATIO <= win) {
    return [
      {
        key: 'holding.cut-losers',
        kind: 'holding',
        severity: 'positive',
        title: 'You cut losers quickly',
        detail: `${figures} Letting winners run longer than losers is what a positive payoff is made of.`,
        tradeIds: [...losers]
          .sort((a, b) => held(a) - held(b))
          .slice(0, 12)
          .map((t) => t.id),
      },
    ];
  }
  return [];
}

/** A trade opened within the window after a losing trade closed, with more money at stake than the loser. */
export type RevengeTrade = { tradeId: string; afterLossId: string; minutesAfter: number; sizeRatio: number };

/** Every revenge trade in the journal (each trade flagged once, against the latest loss before it). */
export function findRevengeTrades(trades: readonly CoachTrade[], windowMs = REVENGE_WINDOW_MS): RevengeTrade[] {
  const losses = closedTrades(trades).filter((t) => Number(t.netPnl) < 0);
  const byOpen = [...trades].sort((a, b) => a.openedAt - b.openedAt);
  const found: RevengeTrade[] = [];
  // One sweep: losses in close order, trades in open order; `next` is the first loss not yet closed.
  let next = 0;
  for (const t of byOpen) {
    while (next < losses.length && (losses[next]?.closedAt ?? Infinity) <= t.openedAt) next++;
    let k = next - 1;
    if (losses[k]?.id === t.id) k--;
    const loss = losses[k];
    if (!loss || t.openedAt - loss.closedAt > windowMs) continue;
    const ratio = exposureOf(t) / exposureOf(loss);
    if (Number.isFinite(ratio) && ratio > 1) {
      found.push({
        tradeId: t.id,
        afterLossId: loss.id,
        minutesAfter: Math.round((t.openedAt - loss.closedAt) / 60_000),
        sizeRatio: ratio,
      });
    }
  }
  return found;
}

/** Revenge trading, with how those trades turned out against the rest. */
export function revengeInsights(
  trades: readonly CoachTrade[],
  ctx: CoachContext,
  found = findRevengeTrades(trades),
): Insight[] {
  if (found.length === 0) return [];
  const ids = new Set(found.map((r) => r.tradeId));
  const closed = closedTrades(trades);
  const revenge = tally(closed.filter((t) => ids.has(t.id)));
  const rest = tally(closed.filter((t) => !ids.has(t.id)));
  const outcome =
    revenge.count === 0
      ? 'They are still open.'
      : `They won ${percent(revenge.winRate)} and made ${money(revenge.net, ctx.currency)} (other trades won ${percent(rest.winRate)}).`;
  const byId = new Map(trades.map((t) => [t.id, t]));
  return [
    {
      key: 'revenge',
      kind: 'revenge',
      severity: 'warning',
      title: 'Revenge trading after losses',
      detail:
        `${plural(found.length, 'trade was', 'trades were')} opened within ${REVENGE_WINDOW_MS / 60_000} min of a losing trade ` +
        `with more at stake than the loser. ${outcome} After a loss, step away before the next entry.`,
      tradeIds: cite(found.flatMap((r) => byId.get(r.tradeId) ?? [])),
    },
  ];
}
