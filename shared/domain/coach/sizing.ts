import { money } from './format';
import { exposureOf, median, plural, tally } from './trades';
import type { CoachContext, CoachTrade, Insight } from './types';

/** Needed on each side of the comparison. */
export const MIN_SIZE_TRADES = 10;
/** Recent size this many times the earlier size (or its inverse) is drift. */
export const DRIFT_RATIO = 1.5;

/**
 * Position size drift: each trade's exposure relative to the median exposure on its symbol
 * (so micro and full-size contracts compare), recent trades against earlier ones.
 */
export function sizingInsights(trades: readonly CoachTrade[], ctx: CoachContext): Insight[] {
  const ordered = [...trades].sort((a, b) => a.openedAt - b.openedAt);
  const recentCount = Math.max(MIN_SIZE_TRADES, Math.floor(ordered.length / 4));
  if (ordered.length < recentCount + MIN_SIZE_TRADES) return [];
  const usual = new Map<string, number>();
  const bySymbol = new Map<string, number[]>();
  for (const t of ordered) {
    const sizes = bySymbol.get(t.symbol);
    if (sizes) sizes.push(exposureOf(t));
    else bySymbol.set(t.symbol, [exposureOf(t)]);
  }
  for (const [symbol, sizes] of bySymbol) usual.set(symbol, median(sizes) ?? 0);
  const relative = (t: CoachTrade) => exposureOf(t) / (usual.get(t.symbol) ?? 1);
  const earlier = ordered.slice(0, ordered.length - recentCount);
  const recent = ordered.slice(-recentCount);
  const before = median(earlier.map(relative).filter(Number.isFinite));
  const now = median(recent.map(relative).filter(Number.isFinite));
  if (before === null || now === null || before <= 0) return [];
  const drift = now / before;
  const r = tally(recent.filter((t) => t.status === 'closed'));
  const e = tally(earlier.filter((t) => t.status === 'closed'));
  const results =
    r.count > 0 && e.count > 0
      ? ` Recent trades made ${money(r.net / r.count, ctx.currency)} a trade, earlier ones ${money(e.net / e.count, ctx.currency)}.`
      : '';
  const biggest = [...recent]
    .sort((a, b) => relative(b) - relative(a))
    .slice(0, 12)
    .map((t) => t.id);
  if (drift >= DRIFT_RATIO) {
    return [
      {
        key: 'sizing.up',
        kind: 'sizing',
        severity: 'warning',
        title: 'Position size is creeping up',
        detail:
          `Your last ${plural(recentCount, 'trade')} were ${drift.toFixed(1)}× the size of your earlier trades on the same symbols.${results} ` +
          'Size up by plan, after a good stretch, not by drift.',
        tradeIds: biggest,
      },
    ];
  }
  if (drift <= 1 / DRIFT_RATIO) {
    return [
      {
        key: 'sizing.down',
        kind: 'sizing',
        severity: 'info',
        title: 'You are trading smaller than before',
        detail: `Your last ${plural(recentCount, 'trade')} were ${drift.toFixed(2)}× the size of your earlier trades on the same symbols.${results}`,
        tradeIds: biggest,
      },
    ];
  }
  return [];
}
