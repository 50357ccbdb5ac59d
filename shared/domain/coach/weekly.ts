import { findRevengeTrades, holdingInsights, revengeInsights } from './habits';
import { citationsOf, insightMarkdown, localParts, money, percent, tradeLink } from './format';
import { rankInsights, statsOf } from './insights';
import { mistakeInsights } from './mistakes';
import { overtradingInsights } from './overtrading';
import { closedTrades, pnlOf, plural, tally } from './trades';
import type { CoachAnswer, CoachContext, CoachTrade } from './types';

const DAY_MS = 86_400_000;

/** Monday and Sunday ('YYYY-MM-DD') of the ISO week holding `day`. Throws on a date that does not exist. */
export function weekOf(day: string): { start: string; end: string } {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) {
    throw new RangeError(`Not a date: "${day}"`);
  }
  const monday = date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { start: iso(monday), end: iso(monday + 6 * DAY_MS) };
}

function shiftDays(day: string, days: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The week's review: P&L, win rate, best and worst trade, the week's own insights, and the
 * comparison with the previous four weeks. Trades count in the week they closed. `today`
 * ('YYYY-MM-DD') marks a week still running, so a part week is not judged as a whole one.
 */
export function reviewWeek(trades: readonly CoachTrade[], ctx: CoachContext, day: string, today?: string): CoachAnswer {
  const { start, end } = weekOf(day);
  const closeDay = (t: CoachTrade & { closedAt: number }) => localParts(t.closedAt, ctx.timeZone).day;
  const closed = closedTrades(trades);
  const week = closed.filter((t) => closeDay(t) >= start && closeDay(t) <= end);
  const running = today !== undefined && today >= start && today < end;
  const title = `## Weekly review: ${start} to ${end}${running ? ` (so far, to ${today})` : ''}`;
  if (week.length === 0) {
    return {
      answer: `${title}\n\nNo trades closed this week, so there is nothing to review yet.`,
      insights: [],
      citations: [],
    };
  }
  const summary = statsOf(week, ctx).summary;
  const sorted = [...week].sort((a, b) => pnlOf(b) - pnlOf(a));
  const best = sorted[0];
  const worst = sorted[sorted.length - 1];
  const earlier = closed.filter((t) => closeDay(t) < start);
  const priorStart = shiftDays(start, -28);
  const prior = earlier.filter((t) => closeDay(t) >= priorStart);
  const weekIds = new Set(week.map((t) => t.id));
  const revengeInWeek = findRevengeTrades(trades).filter((r) => weekIds.has(r.tradeId));
  const insights = rankInsights([
    ...revengeInsights(week, ctx, revengeInWeek),
    ...overtradingInsights(week, ctx, [...earlier, ...week]),
    ...holdingInsights(week, summary, 3),
    ...mistakeInsights(week, ctx, 2),
  ]);
  const lines = [
    title,
    '',
    `**Net P&L ${money(Number(summary.netPnl), ctx.currency)}** over ${plural(summary.closedTrades, 'trade')}, ` +
      `${percent(summary.winRate)} won, ${money(summary.expectancy ?? 0, ctx.currency)} a trade.`,
    '',
    ...(best && worst && best !== worst
      ? [
          `- Best trade: ${tradeLink(best, ctx)} ${money(pnlOf(best), ctx.currency)}`,
          `- Worst trade: ${tradeLink(worst, ctx)} ${money(pnlOf(worst), ctx.currency)}`,
        ]
      : best
        ? [`- Only trade: ${tradeLink(best, ctx)} ${money(pnlOf(best), ctx.currency)}`]
        : []),
    '',
    '### Against your previous 4 weeks',
    priorComparison(prior, priorStart, start, summary.closedTrades, Number(summary.netPnl), summary.winRate, ctx) +
      (running ? ' The week is not over yet, so the totals are not a full week’s.' : ''),
    '',
    '### What stood out',
    ...(insights.length > 0
      ? insights.map((i) => insightMarkdown(i, new Map(trades.map((t) => [t.id, t])), ctx))
      : ['Nothing unusual: no revenge trades, no overtrading, no costly repeated mistake. Keep the routine.']),
  ];
  const focus = insights.find((i) => i.severity === 'warning');
  if (focus) lines.push('', `**Focus for next week:** ${focus.title.charAt(0).toLowerCase()}${focus.title.slice(1)}.`);
  return {
    answer: lines.join('\n'),
    insights,
    citations: citationsOf(
      insights,
      [best?.id, worst?.id].filter((id): id is string => id !== undefined),
    ),
  };
}

function priorComparison(
  prior: readonly (CoachTrade & { closedAt: number })[],
  priorStart: string,
  start: string,
  weekTrades: number,
  weekNet: number,
  weekWinRate: number | null,
  ctx: CoachContext,
): string {
  if (prior.length === 0) return 'No trades in the four weeks before this one, so there is nothing to compare with.';
  const weeks = new Set(prior.map((t) => weekOf(localParts(t.closedAt, ctx.timeZone).day).start)).size;
  const all = tally(prior);
  const avgNet = all.net / weeks;
  const avgTrades = all.count / weeks;
  const better = weekNet >= avgNet ? 'better than' : 'worse than';
  return (
    `From ${priorStart} to ${shiftDays(start, -1)} you traded ${plural(weeks, 'week')}, averaging ` +
    `${money(avgNet, ctx.currency)} and ${avgTrades.toFixed(1)} trades a week with ${percent(all.winRate)} won. ` +
    `This week was ${better} that: ${money(weekNet, ctx.currency)}, ${plural(weekTrades, 'trade')}, ${percent(weekWinRate)} won.`
  );
}
