import type { DemoSummary } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import { newId, type Store, type Writer } from '../journal/store';
import { demoAccounts, demoPlaybooks, demoTags, postMarketNotes, preMarketNotes } from './catalog';
import { analyzeQuickly } from '../db/analyze';
import { regroupSymbols } from '../journal/regroup';
import { generateDemoTrades, priceText, type DemoTrade } from './generate';
import { Random } from './random';
import { formatScaled } from './scaled';
import { writeDemoTicks } from './ticks';

export type DemoOptions = { trades: number; seed: number; endDay?: string };

/** Fill an empty journal with the demo, in one mutation (all of it or nothing). */
export function loadDemoJournal(store: Store, options: DemoOptions): DemoSummary {
  const existing = store.db.prepare(`SELECT count(*) FROM trades WHERE deleted_hlc IS NULL`).pluck().get() as number;
  if (existing > 0) {
    throw new CoreError(
      'CONFLICT',
      'The demo journal can only be loaded into an empty journal; this one already has trades.',
    );
  }
  // The demo ends yesterday so no trade lies in the future.
  const endDay = options.endDay ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const trades = generateDemoTrades(options.trades, options.seed, endDay);
  const summary: DemoSummary = {
    accounts: demoAccounts.length,
    trades: trades.length,
    executions: 0,
    journalEntries: 0,
  };
  store.mutate((w) => {
    const accountIds = new Map<string, string>();
    for (const a of demoAccounts) {
      const id = newId();
      accountIds.set(a.key, id);
      w.insert('accounts', {
        id,
        name: a.name,
        broker: a.broker,
        currency: a.currency,
        time_zone: a.timeZone,
        created_at: 0,
      });
    }
    const playbookIds = demoPlaybooks.map((p, k) => {
      const id = newId();
      const rules = p.rules.map((text, r) => ({ id: `r${k}-${r}`, text }));
      w.insert('playbooks', {
        id,
        name: p.name,
        description: p.description,
        rules: JSON.stringify(rules),
        color: p.color,
        archived: 0,
        created_at: 0,
      });
      return id;
    });
    const tagIds = new Map<string, string>();
    for (const t of demoTags) {
      const id = newId();
      tagIds.set(t.name, id);
      w.insert('tags', { id, name: t.name, color: t.color });
    }
    const firstFills = trades.map((t, i) => writeExecutions(w, t, i, options.seed, accountIds.get(t.accountKey) ?? ''));
    summary.executions = trades.reduce((n, t) => n + t.fills.length, 0);
    const keys = trades.map((t) => ({ accountId: accountIds.get(t.accountKey) ?? '', symbol: t.instrument.symbol }));
    regroupSymbols(store, w, keys);
    const ruleIds = demoPlaybooks.map((p, k) => p.rules.map((_, r) => `r${k}-${r}`));
    trades.forEach((t, i) => annotateTrade(w, t, firstFills[i] ?? '', { ids: playbookIds, ruleIds }, tagIds));
    summary.journalEntries = writeDayNotes(w, trades, options.seed);
    writeDemoTicks(store.db, trades.slice(-25));
  });
  // A bulk load changes the data's shape; refresh the planner statistics so filters pick good indexes.
  analyzeQuickly(store.db);
  return summary;
}

/** The trade's fills as executions; its id is its first fill's, which is how the P&L engine names trades. */
function writeExecutions(w: Writer, t: DemoTrade, index: number, seed: number, accountId: string): string {
  const inst = t.instrument;
  let firstId = '';
  t.fills.forEach((f, k) => {
    const execId = `DEMO-${seed}-${index}-${k}`;
    const id = newId();
    if (k === 0) firstId = id;
    w.insert('executions', {
      id,
      account_id: accountId,
      dedupe_key: execId,
      broker_exec_id: execId,
      order_id: `DEMO-${seed}-${index}-${f.side}`,
      symbol: inst.symbol,
      asset_class: inst.assetClass,
      side: f.side,
      quantity: String(f.quantity),
      price: priceText(inst, f.priceTicks),
      fee: formatScaled(f.feeCents, 2),
      currency: 'USD',
      executed_at: f.at,
      source: 'demo',
    });
  });
  return firstId;
}

/**
 * The rules a demo trader ticked, from what the generator already decided (no new random
 * draws, so the rest of the demo stays as it was): only reviewed trades (with a rating), the
 * better the rating the more rules kept (a 5 keeps all), one fewer when a mistake was noted.
 */
function keptRules(t: DemoTrade, ruleIds: string[][]): string[] {
  if (t.playbookIndex === null || t.rating === null) return [];
  const rules = ruleIds[t.playbookIndex] ?? [];
  const kept = Math.max(0, rules.length - (5 - t.rating) - (t.mistakes.length > 0 ? 1 : 0));
  return rules.slice(0, kept);
}

/** What a trader would have written on the trade: stop, playbook, rules kept, rating, notes, tags. */
function annotateTrade(
  w: Writer,
  t: DemoTrade,
  tradeId: string,
  playbooks: { ids: string[]; ruleIds: string[][] },
  tagIds: Map<string, string>,
): void {
  const entryTicks = t.fills[0]?.priceTicks ?? 0;
  const stopTicks = t.stopTicks === null ? null : entryTicks + (t.side === 'long' ? -t.stopTicks : t.stopTicks);
  w.update('trades', tradeId, {
    stop_price: stopTicks === null ? null : priceText(t.instrument, stopTicks),
    playbook_id: t.playbookIndex === null ? null : (playbooks.ids[t.playbookIndex] ?? null),
    rules_kept: JSON.stringify(keptRules(t, playbooks.ruleIds)),
    rating: t.rating,
    notes: t.notes,
    emotions: JSON.stringify(t.emotions),
    mistakes: JSON.stringify(t.mistakes),
  });
  for (const name of t.tagNames) {
    const tagId = tagIds.get(name);
    if (tagId) w.insert('trade_tags', { id: newId(), trade_id: tradeId, tag_id: tagId });
  }
}

function writeDayNotes(w: Writer, trades: readonly DemoTrade[], seed: number): number {
  const rng = new Random(seed ^ 0x5eed);
  const days = [...new Set(trades.map((t) => t.day))];
  let written = 0;
  for (const day of days) {
    if (!rng.chance(0.7)) continue;
    const at = Date.parse(`${day}T21:30:00Z`);
    w.insert('journal_entries', {
      id: newId(),
      kind: 'day',
      day,
      trade_id: null,
      title: '',
      body: rng.chance(0.5) ? 'Stayed patient through the midday chop. Stick to the first two hours.' : '',
      mood: rng.int(2, 5),
      emotions: JSON.stringify(rng.chance(0.5) ? ['focused'] : ['impatient']),
      mistakes: '[]',
      pre_market: rng.pick(preMarketNotes),
      post_market: rng.pick(postMarketNotes),
      created_at: at,
      updated_at: at,
    });
    written++;
  }
  return written;
}
