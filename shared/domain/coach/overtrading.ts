import { escapeMarkdown, localParts, money, percent } from './format';
import { cite, closedTrades, median, plural, tally } from './trades';
import type { CoachContext, CoachTrade, Insight } from './types';

/** Fewer trading days than this and there is no "usual day" to compare with. */
export const MIN_DAYS = 5;

/** A day is overtraded at this many trades or more: twice the median day, and at least 3 above it. */
export function overtradingThreshold(medianTrades: number): number {
  return Math.max(2 * medianTrades, medianTrades + 3);
}

export type DayCount = { day: string; trades: CoachTrade[] };

/** Closed trades grouped by the local day they opened, oldest day first. */
export function tradesByDay(trades: readonly CoachTrade[], timeZone: string): DayCount[] {
  const days = new Map<string, CoachTrade[]>();
  for (const t of closedTrades(trades)) {
    const day = localParts(t.openedAt, timeZone).day;
    const list = days.get(day);
    if (list) list.push(t);
    else days.set(day, [t]);
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, list]) => ({ day, trades: list }));
}

/** The overtraded days among `days`, judged against the trader's median day over `history`. */
export function overtradedDays(days: readonly DayCount[], history: readonly DayCount[] = days): DayCount[] {
  const usual = median(history.map((d) => d.trades.length));
  if (usual === null || history.length < MIN_DAYS) return [];
  const limit = overtradingThreshold(usual);
  return days.filter((d) => d.trades.length >= limit);
}

/**
 * Overtrading: days with far more trades than the trader's median day, named only when those
 * days also did worse per trade than the other days.
 */
export function overtradingInsights(
  trades: readonly CoachTrade[],
  ctx: CoachContext,
  history: readonly CoachTrade[] = trades,
): Insight[] {
  const all = tradesByDay(history, ctx.timeZone);
  const days = tradesByDay(trades, ctx.timeZone);
  const busy = overtradedDays(days, all);
  if (busy.length === 0) return [];
  const busyDays = new Set(busy.map((d) => d.day));
  const busyTrades = tally(busy.flatMap((d) => d.trades));
  const normal = tally(all.filter((d) => !busyDays.has(d.day)).flatMap((d) => d.trades));
  if (normal.count === 0) return [];
  const perBusy = busyTrades.net / busyTrades.count;
  const perNormal = normal.net / normal.count;
  if (perBusy >= perNormal) return [];
  const usual = median(all.map((d) => d.trades.length)) ?? 0;
  const list = busy
    .slice(-3)
    .map((d) => `${escapeMarkdown(d.day)} (${d.trades.length})`)
    .join(', ');
  return [
    {
      key: 'overtrading',
      kind: 'overtrading',
      severity: 'warning',
      title: 'Overtrading days cost you',
      detail:
        `On ${plural(busy.length, 'day')} you traded at least ${overtradingThreshold(usual)} times against a usual ${usual} ` +
        `(e.g. ${list}). Those days made ${money(perBusy, ctx.currency)} a trade and won ${percent(busyTrades.winRate)}; ` +
        `other days made ${money(perNormal, ctx.currency)} a trade and won ${percent(normal.winRate)}. Set a daily trade limit.`,
      tradeIds: cite(busy.flatMap((d) => d.trades)),
    },
  ];
}
