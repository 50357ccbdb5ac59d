import type { Bucket } from '../stats';
import { findRevengeTrades } from './habits';
import {
  citationsOf,
  duration,
  escapeMarkdown,
  hourRange,
  localParts,
  money,
  percent,
  playbookName,
  rText,
  tradeLink,
} from './format';
import { splitRules } from '../rules-kept';
import { statsOf } from './insights';
import { closedTrades, exposureOf, pnlOf, plural } from './trades';
import type { CoachAnswer, CoachContext, CoachTrade, Insight } from './types';

/** Fewer trades than this in a comparison group and the coach says the sample is too small. */
const MIN_COMPARE = 5;

/**
 * One trade against the trader's own record (every other closed trade): its setup, symbol
 * and hour, holding time, R, recorded mistakes and whether it was a revenge trade.
 * Returns null when the trade is not in `trades`.
 */
export function reviewTrade(trades: readonly CoachTrade[], ctx: CoachContext, tradeId: string): CoachAnswer | null {
  const trade = trades.find((t) => t.id === tradeId);
  if (!trade) return null;
  const others = closedTrades(trades).filter((t) => t.id !== tradeId);
  const stats = statsOf(others, ctx);
  const pnl = pnlOf(trade);
  const open = trade.status !== 'closed' || trade.closedAt === null;
  const r = trade.rMultiple === null ? null : Number(trade.rMultiple);
  const insights: Insight[] = [];
  const cited = [trade.id];
  const lines = [
    `## Trade review: ${tradeLink(trade, ctx)}`,
    '',
    open
      ? `Still open: ${escapeMarkdown(trade.quantity)} at ${escapeMarkdown(trade.entryPrice)}.`
      : `**${money(pnl, ctx.currency)}**${r === null ? '' : ` (${rText(r)})`}, held ${duration((trade.closedAt ?? trade.openedAt) - trade.openedAt)}.`,
    '',
    '### Against your own record',
  ];
  const hour = localParts(trade.openedAt, ctx.timeZone).hour;
  const groups: [string, Bucket<unknown> | undefined][] = [
    [
      `Setup ${escapeMarkdown(playbookName(trade.playbookId, ctx))}`,
      stats.breakdowns.playbook.find((b) => b.key === trade.playbookId),
    ],
    [`${escapeMarkdown(trade.symbol)}`, stats.breakdowns.symbol.find((b) => b.key === trade.symbol)],
    [`Trades opened ${hourRange(hour)}`, stats.breakdowns.hour.find((b) => b.key === hour)],
  ];
  for (const [label, bucket] of groups) lines.push(`- ${label}: ${bucketText(bucket, ctx)}`);

  const s = stats.summary;
  if (!open && trade.closedAt !== null) {
    const held = trade.closedAt - trade.openedAt;
    const avg = pnl < 0 ? s.averageHoldLosersMs : s.averageHoldWinnersMs;
    if (avg !== null)
      lines.push(`- Held ${duration(held)} against ${duration(avg)} for your average ${pnl < 0 ? 'loser' : 'winner'}.`);
    if (pnl < 0 && s.averageHoldWinnersMs !== null && held > 1.5 * s.averageHoldWinnersMs && s.wins >= MIN_COMPARE) {
      insights.push({
        key: 'trade.held-loser',
        kind: 'holding',
        severity: 'warning',
        title: 'Loser held longer than your winners',
        detail: `This loser was held ${duration(held)}, longer than your average winner (${duration(s.averageHoldWinnersMs)}).`,
        tradeIds: [trade.id],
      });
    }
  }
  if (r !== null && s.expectancyR !== null && s.rTrades >= MIN_COMPARE) {
    lines.push(
      `- ${rText(r)} against your average of ${rText(s.expectancyR)} over ${plural(s.rTrades, 'trade')} with a stop.`,
    );
  } else if (r === null) {
    lines.push('- No stop or risk amount recorded, so there is no R multiple; record the stop to measure risk.');
  }
  const sizes = others.filter((t) => t.symbol === trade.symbol).map(exposureOf);
  if (sizes.length >= MIN_COMPARE) {
    const usual = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    const ratio = exposureOf(trade) / usual;
    if (ratio >= 1.5 || ratio <= 0.67)
      lines.push(`- Size was ${ratio.toFixed(1)}× your average on ${escapeMarkdown(trade.symbol)}.`);
  }

  lines.push('', '### Discipline');
  lines.push(
    trade.mistakes.length > 0
      ? `- Mistakes you recorded: ${trade.mistakes.map(escapeMarkdown).join(', ')}.`
      : '- No mistakes recorded on this trade.',
  );
  const rules = trade.playbookId ? (ctx.playbookRules?.[trade.playbookId] ?? []) : [];
  if (rules.length > 0) {
    const { missed } = splitRules(rules, trade.rulesKept);
    const name = escapeMarkdown(playbookName(trade.playbookId, ctx));
    lines.push(
      missed.length === 0
        ? `- You kept all ${rules.length} rules of ${name}.`
        : missed.length === rules.length
          ? `- No rule of ${name} is ticked as kept on this trade: ${missed.map((r) => escapeMarkdown(r.text)).join('; ')}.`
          : `- You kept ${rules.length - missed.length} of ${rules.length} rules of ${name}; not ticked: ${missed.map((r) => escapeMarkdown(r.text)).join('; ')}.`,
    );
  }
  const revenge = findRevengeTrades(trades).find((f) => f.tradeId === trade.id);
  const loss = revenge ? trades.find((t) => t.id === revenge.afterLossId) : undefined;
  if (revenge && loss) {
    cited.push(loss.id);
    insights.push({
      key: 'trade.revenge',
      kind: 'revenge',
      severity: 'warning',
      title: 'Revenge trade',
      detail: `Opened ${revenge.minutesAfter} min after a losing trade with ${revenge.sizeRatio.toFixed(1)}× its size.`,
      tradeIds: [trade.id, loss.id],
    });
    lines.push(
      `- ⚠ Revenge flag: opened ${revenge.minutesAfter} min after the loss on ${tradeLink(loss, ctx)}, with ${revenge.sizeRatio.toFixed(1)}× its size.`,
    );
  } else {
    lines.push('- Not a revenge trade: no bigger entry right after a loss.');
  }
  return { answer: lines.join('\n'), insights, citations: citationsOf(insights, cited) };
}

function bucketText(bucket: Bucket<unknown> | undefined, ctx: CoachContext): string {
  if (!bucket || bucket.trades === 0) return 'no other trades to compare with.';
  const perTrade = Number(bucket.netPnl) / bucket.trades;
  const small = bucket.trades < MIN_COMPARE ? ' (too few to judge)' : '';
  return `${plural(bucket.trades, 'other trade')}, ${percent(bucket.winRate)} won, ${money(perTrade, ctx.currency)} a trade${small}.`;
}
