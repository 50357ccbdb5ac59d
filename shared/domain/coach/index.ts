/** The local coach: statistics- and rule-based insights over the trader's own journal. */
export { answerQuestion, overallReview } from './chat';
export { findRevengeTrades, holdingInsights, revengeInsights, type RevengeTrade } from './habits';
export { journalInsights, rankInsights } from './insights';
export { mistakeInsights } from './mistakes';
export { overtradingInsights } from './overtrading';
export { setupInsights } from './setups';
export { sizingInsights } from './sizing';
export { reviewTrade } from './trade-review';
export { reviewWeek, weekOf } from './weekly';
export type { Citation, CoachAnswer, CoachContext, CoachTrade, Insight, InsightKind, InsightSeverity } from './types';
