import type { CoachAsk } from '../../../shared/contract';
import type { CoachProviderName as ProviderName } from '../../../shared/contract/coach';
import { CoreError } from '../../../shared/contract/errors';
import { answerQuestion, reviewTrade, reviewWeek, type CoachAnswer } from '../../../shared/domain/coach';
import { shortTime } from '../../../shared/domain/coach/format';
import type { CoachJournal } from './read-journal';

/** An answer with who actually wrote it: a remote provider may hand over to the local one. */
export type ProviderAnswer = CoachAnswer & { provider?: ProviderName; model?: string; fallbackReason?: string };

/**
 * Answers coach questions. The local provider is the one that always works; the Gemini one
 * (gemini.ts) implements the same shape and falls back to the local one (DESIGN §5).
 */
export type CoachProvider = {
  readonly name: ProviderName;
  answer(ask: CoachAsk, journal: CoachJournal): ProviderAnswer | Promise<ProviderAnswer>;
};

/** The statistics- and rule-based coach over the trader's own journal; no network. */
export const localCoach: CoachProvider = {
  name: 'local',
  answer(ask, { trades, ctx }) {
    switch (ask.mode) {
      case 'trade': {
        const review = reviewTrade(trades, ctx, ask.tradeId);
        if (!review) throw new CoreError('NOT_FOUND', 'That trade no longer exists.');
        return review;
      }
      case 'week':
        return reviewWeek(trades, ctx, ask.date, todayIn(ctx.timeZone));
      case 'chat':
        return answerQuestion(trades, ctx, ask.question);
    }
  },
};

/** Today's date ('YYYY-MM-DD') in the journal's display zone. */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

/** The user's side of the conversation, as stored and shown in the history. */
export function questionText(ask: CoachAsk, { trades, ctx }: CoachJournal): string {
  switch (ask.mode) {
    case 'trade': {
      const trade = trades.find((t) => t.id === ask.tradeId);
      return trade
        ? `Review my ${trade.symbol} ${trade.side} of ${shortTime(trade.openedAt, ctx.timeZone)}.`
        : 'Review this trade.';
    }
    case 'week':
      return `Review the week of ${ask.date}.`;
    case 'chat':
      return ask.question;
  }
}
