import { citationsOf, escapeMarkdown, insightMarkdown, money, percent } from './format';
import { journalInsights, statsOf } from './insights';
import { plural } from './trades';
import type { CoachAnswer, CoachContext, CoachTrade, Insight, InsightKind } from './types';

/** Words in a question → the kinds of insight that answer it. */
const TOPICS: readonly { kinds: InsightKind[]; words: RegExp; name: string }[] = [
  { kinds: ['setup'], words: /\b(setups?|playbooks?|strateg\w*|edge)\b/, name: 'setups' },
  {
    kinds: ['timing'],
    words: /\b(time of day|hours?|times?|weekdays?|days? of the week|morning|afternoon|when)\b/,
    name: 'timing',
  },
  { kinds: ['holding'], words: /\b(hold\w*|cut\w*|let .* run|exit\w*)\b/, name: 'holding time' },
  { kinds: ['revenge'], words: /\b(revenge|tilt\w*|after (a )?loss\w*)\b/, name: 'revenge trading' },
  { kinds: ['overtrading'], words: /\b(overtrad\w*|too many|how many trades|trade count)\b/, name: 'overtrading' },
  { kinds: ['sizing'], words: /\b(siz\w*|position|contracts|shares|risk)\b/, name: 'position size' },
  { kinds: ['mistakes'], words: /\b(mistakes?|rules?|discipline|errors?)\b/, name: 'mistakes' },
];

/** A request for the whole picture, answered with the overall review and no apology. */
const GENERAL = /\b(overall|review|summary|how am i doing|how is it going)\b/;

/** Also answers "best/worst …" without a topic word as a question about setups. */
const EXTREMES = /\b(best|worst|strongest|weakest)\b/;

const LOCAL_NOTE =
  'I am the local coach: I work offline from your journal\u2019s statistics and rules, so I answer by topic ' +
  '(setups, time of day, holding, revenge trading, overtrading, position size, mistakes).';

/** Answer a question by matching it to the insights' topics; otherwise give the overall review. */
export function answerQuestion(trades: readonly CoachTrade[], ctx: CoachContext, question: string): CoachAnswer {
  const text = question.toLowerCase();
  const topics = TOPICS.filter((t) => t.words.test(text));
  if (topics.length === 0 && EXTREMES.test(text)) topics.push(...TOPICS.filter((t) => t.kinds.includes('setup')));
  const all = journalInsights(trades, ctx);
  if (topics.length === 0 && GENERAL.test(text)) return overallReview(trades, ctx, all);
  if (topics.length === 0)
    return overallReview(
      trades,
      ctx,
      all,
      `I could not match "${escapeMarkdown(question.trim())}" to a topic I know. ${LOCAL_NOTE}`,
    );
  const kinds = new Set(topics.flatMap((t) => t.kinds));
  const matched = all.filter((i) => kinds.has(i.kind));
  const byId = new Map(trades.map((t) => [t.id, t]));
  const names = topics.map((t) => t.name).join(', ');
  const body =
    matched.length > 0
      ? [`Here is what your journal shows about ${names}:`, '', ...matched.map((i) => insightMarkdown(i, byId, ctx))]
      : [
          `Nothing stands out about ${names}: either the pattern is not there, or there are too few trades ` +
            '(I need at least 10 trades in a group before I call it a pattern).',
        ];
  return { answer: body.join('\n'), insights: matched, citations: citationsOf(matched) };
}

/** The whole journal's figures and every insight, most costly first. */
export function overallReview(
  trades: readonly CoachTrade[],
  ctx: CoachContext,
  insights: readonly Insight[] = journalInsights(trades, ctx),
  preface = LOCAL_NOTE,
): CoachAnswer {
  const s = statsOf(trades, ctx).summary;
  const byId = new Map(trades.map((t) => [t.id, t]));
  const lines = [preface, '', '## Overall review'];
  if (s.closedTrades === 0) {
    lines.push('', 'There are no closed trades yet. Import or add trades and I will review them.');
    return { answer: lines.join('\n'), insights: [], citations: [] };
  }
  lines.push(
    '',
    `**${money(Number(s.netPnl), ctx.currency)}** over ${plural(s.closedTrades, 'closed trade')}: ${percent(s.winRate)} won, ` +
      `profit factor ${s.profitFactor === null ? 'n/a' : s.profitFactor.toFixed(2)}, ${money(s.expectancy ?? 0, ctx.currency)} a trade.`,
    '',
    ...(insights.length > 0
      ? insights.map((i) => insightMarkdown(i, byId, ctx))
      : ['No pattern stands out yet; keep journaling (groups need at least 10 trades).']),
  );
  return { answer: lines.join('\n'), insights: [...insights], citations: citationsOf(insights) };
}
