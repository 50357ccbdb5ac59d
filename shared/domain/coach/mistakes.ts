import { escapeMarkdown, money } from './format';
import { cite, closedTrades, plural, tally } from './trades';
import type { CoachContext, CoachTrade, Insight } from './types';

/**
 * The recorded mistake that cost the most, by the labels trades carry. (Which playbook rules
 * a trade kept is its own record; the trade review reads it.)
 */
export function mistakeInsights(trades: readonly CoachTrade[], ctx: CoachContext, minTrades = 3): Insight[] {
  const byLabel = new Map<string, CoachTrade[]>();
  for (const t of closedTrades(trades)) {
    for (const label of new Set(t.mistakes)) {
      const list = byLabel.get(label);
      if (list) list.push(t);
      else byLabel.set(label, [t]);
    }
  }
  let worst: { label: string; list: CoachTrade[]; net: number } | null = null;
  for (const [label, list] of byLabel) {
    if (list.length < minTrades) continue;
    const { net } = tally(list);
    if (net < 0 && (worst === null || net < worst.net)) worst = { label, list, net };
  }
  if (worst === null) return [];
  const share = tally(worst.list);
  return [
    {
      key: `mistakes:${worst.label}`,
      kind: 'mistakes',
      severity: 'warning',
      title: `Costliest mistake: ${escapeMarkdown(worst.label)}`,
      detail:
        `You tagged ${plural(share.count, 'trade')} with "${escapeMarkdown(worst.label)}"; together they lost ` +
        `${money(share.net, ctx.currency)}. Write the rule it breaks into your playbook and check it before entry.`,
      tradeIds: cite(worst.list),
    },
  ];
}
