import type { Bucket, JournalStats } from '../stats';
import { escapeMarkdown, hourRange, localParts, money, percent, playbookName, rText, weekdayName } from './format';
import { cite, closedTrades, plural } from './trades';
import type { CoachContext, CoachTrade, Insight } from './types';

/** Fewer trades than this in a group is noise, not a pattern. */
export const MIN_GROUP_TRADES = 10;

type Dimension<K> = {
  name: 'setup' | 'hour' | 'weekday';
  kind: Insight['kind'];
  buckets: readonly Bucket<K>[];
  label: (key: K) => string;
  member: (t: CoachTrade, key: K) => boolean;
};

/**
 * Best and worst playbook, opening hour and weekday by P&L per trade, among groups with at
 * least `minTrades` closed trades; needs two such groups to compare. The best must make money
 * and beat the overall average; the worst must lose money.
 */
export function setupInsights(
  trades: readonly CoachTrade[],
  stats: JournalStats,
  ctx: CoachContext,
  minTrades = MIN_GROUP_TRADES,
): Insight[] {
  const closed = closedTrades(trades);
  const overall = stats.summary.expectancy;
  if (overall === null) return [];
  const setup: Dimension<string | null> = {
    name: 'setup',
    kind: 'setup',
    // Trades without a playbook are not a setup; calling them the best one would teach nothing.
    buckets: stats.breakdowns.playbook.filter((b) => b.key !== null),
    label: (id) => escapeMarkdown(playbookName(id, ctx)),
    member: (t, id) => t.playbookId === id,
  };
  const hour: Dimension<number> = {
    name: 'hour',
    kind: 'timing',
    buckets: stats.breakdowns.hour,
    label: (h) => `Trades opened ${hourRange(h)}`,
    member: (t, h) => localParts(t.openedAt, ctx.timeZone).hour === h,
  };
  const weekday: Dimension<number> = {
    name: 'weekday',
    kind: 'timing',
    buckets: stats.breakdowns.weekday,
    label: (d) => `${weekdayName(d)}s`,
    member: (t, d) => localParts(t.openedAt, ctx.timeZone).weekday === d,
  };
  return [
    ...extremes(setup, closed, overall, ctx, minTrades),
    ...extremes(hour, closed, overall, ctx, minTrades),
    ...extremes(weekday, closed, overall, ctx, minTrades),
  ];
}

function extremes<K>(
  d: Dimension<K>,
  closed: readonly CoachTrade[],
  overall: number,
  ctx: CoachContext,
  minTrades: number,
): Insight[] {
  const eligible = d.buckets
    .filter((b) => b.trades >= minTrades)
    .map((b) => ({ bucket: b, perTrade: Number(b.netPnl) / b.trades }));
  if (eligible.length < 2) return [];
  const sorted = [...eligible].sort((a, b) => b.perTrade - a.perTrade);
  const best = sorted[0];
  const worst = sorted[sorted.length - 1];
  const out: Insight[] = [];
  const describe = (b: Bucket<K>, perTrade: number) =>
    `${plural(b.trades, 'trade')}, ${percent(b.winRate)} won, ${money(Number(b.netPnl), ctx.currency)} net ` +
    `(${money(perTrade, ctx.currency)} a trade${b.avgR === null ? '' : `, ${rText(b.avgR)} on average`}) ` +
    `against ${money(overall, ctx.currency)} a trade overall.`;
  const members = (key: K) => closed.filter((t) => d.member(t, key));
  const what = d.name === 'setup' ? 'setup' : d.name === 'hour' ? 'time of day' : 'weekday';
  if (best && best.perTrade > 0 && best.perTrade > overall) {
    out.push({
      key: `${d.name}.best:${String(best.bucket.key)}`,
      kind: d.kind,
      severity: 'positive',
      title: `Best ${what}: ${d.label(best.bucket.key)}`,
      detail: describe(best.bucket, best.perTrade),
      tradeIds: cite(members(best.bucket.key)),
    });
  }
  if (worst && worst !== best && worst.perTrade < 0) {
    out.push({
      key: `${d.name}.worst:${String(worst.bucket.key)}`,
      kind: d.kind,
      severity: 'warning',
      title: `Worst ${what}: ${d.label(worst.bucket.key)}`,
      detail: describe(worst.bucket, worst.perTrade),
      tradeIds: cite(members(worst.bucket.key)),
    });
  }
  return out;
}
