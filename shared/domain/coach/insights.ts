import { computeStats, type JournalStats } from '../stats';
import { holdingInsights, revengeInsights } from './habits';
import { mistakeInsights } from './mistakes';
import { overtradingInsights } from './overtrading';
import { setupInsights } from './setups';
import { sizingInsights } from './sizing';
import type { CoachContext, CoachTrade, Insight } from './types';

const ORDER: Record<Insight['severity'], number> = { warning: 0, positive: 1, info: 2 };

/** Warnings first (they cost money), then strengths, then the rest; stable within a level. */
export function rankInsights(insights: readonly Insight[]): Insight[] {
  return [...insights].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

/** The journal's statistics, from the shared stats engine. */
export function statsOf(trades: readonly CoachTrade[], ctx: CoachContext): JournalStats {
  return computeStats(trades, { timeZone: ctx.timeZone });
}

/** Every insight the local coach finds over the whole journal. */
export function journalInsights(
  trades: readonly CoachTrade[],
  ctx: CoachContext,
  stats: JournalStats = statsOf(trades, ctx),
): Insight[] {
  return rankInsights([
    ...setupInsights(trades, stats, ctx),
    ...holdingInsights(trades, stats.summary),
    ...revengeInsights(trades, ctx),
    ...overtradingInsights(trades, ctx),
    ...sizingInsights(trades, ctx),
    ...mistakeInsights(trades, ctx),
  ]);
}
