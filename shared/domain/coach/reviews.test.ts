import { describe, expect, it } from 'vitest';
import { at, ctx, MIN, trade } from './coach.test-kit';
import { answerQuestion, overallReview } from './chat';
import { reviewTrade } from './trade-review';
import { reviewWeek, weekOf } from './weekly';
import type { CoachTrade } from './types';

/** Four earlier weeks of two small winners a day (Mon–Fri), then a bad week of 2025-03-10. */
function journal(): { trades: CoachTrade[]; loss: CoachTrade; revenge: CoachTrade; best: CoachTrade } {
  const trades: CoachTrade[] = [];
  for (let d = 0; d < 28; d++) {
    const date = new Date(Date.UTC(2025, 1, 10 + d));
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    const day = date.toISOString().slice(0, 10);
    trades.push(
      trade({ openedAt: at(day, '10:00'), pnl: 40, playbookId: 'orb' }),
      trade({ openedAt: at(day, '14:00'), pnl: -15, playbookId: 'orb' }),
    );
  }
  const best = trade({ openedAt: at('2025-03-10', '10:00'), pnl: 120, playbookId: 'orb' });
  const loss = trade({
    openedAt: at('2025-03-11', '10:00'),
    holdMin: 5,
    pnl: -80,
    quantity: '1',
    mistakes: ['moved stop'],
  });
  const revenge = trade({
    openedAt: (loss.closedAt ?? 0) + 3 * MIN,
    pnl: -250,
    quantity: '3',
    mistakes: ['moved stop'],
    rMultiple: '-2.5',
  });
  trades.push(best, loss, revenge);
  return { trades, loss, revenge, best };
}

describe('weekly review', () => {
  it('gives the week in figures, its best and worst trade, what stood out, and the four weeks before', () => {
    const { trades, revenge, best } = journal();
    const review = reviewWeek(trades, ctx, '2025-03-12');
    expect(review.answer).toContain('## Weekly review: 2025-03-10 to 2025-03-16');
    expect(review.answer).toContain('**Net P&L -210.00 USD** over 3 trades, 33% won');
    expect(review.answer).toContain(`Best trade: [ES long, 10 Mar 10:00](trade:${best.id}) +120.00 USD`);
    expect(review.answer).toContain(`Worst trade: [ES long, 11 Mar 10:08](trade:${revenge.id}) -250.00 USD`);
    expect(review.answer).toContain('you traded 4 weeks, averaging +125.00 USD and 10.0 trades a week with 50% won');
    expect(review.answer).toContain('This week was worse than that');
    expect(review.insights.map((i) => i.key)).toEqual(['revenge', 'mistakes:moved stop']);
    expect(review.answer).toContain('**Focus for next week:** revenge trading after losses.');
    expect(review.citations).toContainEqual({ kind: 'trade', id: revenge.id });
  });

  it('marks a week that is still running', () => {
    const { trades } = journal();
    const review = reviewWeek(trades, ctx, '2025-03-12', '2025-03-12');
    expect(review.answer).toContain('## Weekly review: 2025-03-10 to 2025-03-16 (so far, to 2025-03-12)');
    expect(review.answer).toContain('The week is not over yet');
    expect(reviewWeek(trades, ctx, '2025-03-12', '2025-03-17').answer).not.toContain('not over');
  });

  it('says plainly when the week has no trades, and rejects a date that does not exist', () => {
    const { trades } = journal();
    expect(reviewWeek(trades, ctx, '2025-06-04')).toEqual({
      answer:
        '## Weekly review: 2025-06-02 to 2025-06-08\n\nNo trades closed this week, so there is nothing to review yet.',
      insights: [],
      citations: [],
    });
    expect(() => weekOf('2025-02-30')).toThrow(RangeError);
  });

  it('finds nothing to flag in a calm week', () => {
    const { trades } = journal();
    const review = reviewWeek(trades, ctx, '2025-03-05');
    expect(review.insights).toEqual([]);
    expect(review.answer).toContain('Nothing unusual');
  });
});

describe('trade review', () => {
  it('compares the trade with the same setup, symbol and hour, and flags revenge', () => {
    const { trades, loss, revenge } = journal();
    const review = reviewTrade(trades, ctx, revenge.id);
    expect(review?.answer).toContain('**-250.00 USD** (-2.50R), held 10 min.');
    expect(review?.answer).toContain(
      '- Setup No playbook: 1 other trade, 0% won, -80.00 USD a trade (too few to judge).',
    );
    expect(review?.answer).toContain('- ES: 42 other trades, 50% won, +12.86 USD a trade.');
    expect(review?.answer).toContain('- Trades opened 10:00–11:00: 22 other trades, 95% won');
    expect(review?.answer).toContain('Size was 3.0× your average on ES');
    expect(review?.answer).toContain('Mistakes you recorded: moved stop.');
    expect(review?.answer).toContain(
      `Revenge flag: opened 3 min after the loss on [ES long, 11 Mar 10:00](trade:${loss.id}), with 3.0× its size.`,
    );
    expect(review?.citations.map((c) => c.id)).toEqual([revenge.id, loss.id]);
  });

  it('clears an ordinary trade of the revenge flag, and returns null for an unknown id', () => {
    const { trades, best } = journal();
    expect(reviewTrade(trades, ctx, best.id)?.answer).toContain('Not a revenge trade');
    expect(reviewTrade(trades, ctx, best.id)?.insights).toEqual([]);
    expect(reviewTrade(trades, ctx, 'nope')).toBeNull();
  });

  it("says which of the playbook's rules the trade kept, by the rules the playbook has now", () => {
    const { trades, best } = journal();
    const rules = [
      { id: 'r1', text: 'Wait for the range' },
      { id: 'r2', text: 'Stop beyond it' },
      { id: 'r3', text: 'Half off at 1R' },
    ];
    const withRules = { ...ctx, playbookRules: { orb: rules } };
    const review = (kept: string[]) => {
      const edited = trades.map((t) => (t.id === best.id ? { ...t, rulesKept: kept } : t));
      return reviewTrade(edited, withRules, best.id)?.answer ?? '';
    };
    expect(review(['r1', 'gone'])).toContain(
      '- You kept 1 of 3 rules of Opening range; not ticked: Stop beyond it; Half off at 1R.',
    );
    expect(review(['r3', 'r2', 'r1'])).toContain('- You kept all 3 rules of Opening range.');
    expect(review([])).toContain('- No rule of Opening range is ticked as kept on this trade');
    // Without rules written down there is nothing to say about them.
    expect(reviewTrade(trades, ctx, best.id)?.answer).not.toContain('rules of');
  });
});

describe('chat', () => {
  it('answers a question about revenge with the revenge insight', () => {
    const { trades, revenge } = journal();
    const answer = answerQuestion(trades, ctx, 'Am I revenge trading?');
    expect(answer.insights.map((i) => i.kind)).toEqual(['revenge']);
    expect(answer.answer).toContain('Here is what your journal shows about revenge trading');
    expect(answer.citations).toContainEqual({ kind: 'trade', id: revenge.id });
  });

  it('says so when a matched topic has no finding', () => {
    const { trades } = journal();
    const answer = answerQuestion(trades, ctx, 'what is my worst time of day?');
    expect(answer.insights.filter((i) => i.kind !== 'timing')).toEqual([]);
    expect(answer.answer).toMatch(/timing/);
  });

  it('gives the overall review for a question it cannot match, saying it is the local coach', () => {
    const { trades } = journal();
    const answer = answerQuestion(trades, ctx, 'Should I buy a boat?');
    expect(answer.answer).toContain('I could not match "Should I buy a boat?"');
    expect(answer.answer).toContain('I am the local coach');
    expect(answer.answer).toContain('## Overall review');
  });

  it('gives the overall review without an apology when asked for it', () => {
    const { trades } = journal();
    const answer = answerQuestion(trades, ctx, 'How am I doing overall?');
    expect(answer.answer).toContain('## Overall review');
    expect(answer.answer).not.toContain('could not match');
  });

  it('has nothing to review in an empty journal', () => {
    expect(overallReview([], ctx).answer).toContain('There are no closed trades yet');
  });
});
