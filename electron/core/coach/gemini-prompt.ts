import type { CoachAsk } from '../../../shared/contract';
import type { Citation, CoachAnswer, CoachTrade } from '../../../shared/domain/coach';
import { localParts, shortTime, tradeLink } from '../../../shared/domain/coach/format';
import { weekOf } from '../../../shared/domain/coach/weekly';
import { computeStats } from '../../../shared/domain/stats';
import type { CoachJournal } from './read-journal';

/**
 * Context read beside the trades: playbook rules, journal entries (the trade's own and the
 * latest), and for a trade review the past trades most like it (by embedding).
 */
export type CoachExtras = {
  playbooks: { name: string; rules: string[] }[];
  entries: { day: string | null; title: string; body: string }[];
  /** Ids of the trades most similar to the one under review, most similar first. */
  similar: string[];
};

/** At most this many trades go into a prompt (cited by the local coach first, then the one under review). */
const MAX_TRADES = 40;
const MAX_ENTRY_CHARS = 600;

export const systemInstruction = [
  "You are a trading coach reviewing the trader's own journal. Be concrete, kind and brief (under 250 words).",
  'Base every claim on the data given; never invent trades, figures or rules.',
  'When you mention a trade, link it exactly as [label](trade:<id>) using an id from the TRADES list, e.g. [ES long, 12 Mar 14:05](trade:abc123).',
  'Write markdown: short paragraphs, "-" lists, **bold** for key figures. No HTML, no tables, no images.',
].join('\n');

/** The user turn: the question, the figures, the local coach's findings and the trades they rest on. */
export function buildPrompt(
  ask: CoachAsk,
  question: string,
  journal: CoachJournal,
  local: CoachAnswer,
  extras: CoachExtras,
): string {
  const { trades, ctx } = journal;
  const scope = ask.mode === 'week' ? weekTrades(trades, ask.date, ctx.timeZone) : { trades, label: 'all trades' };
  const summary = computeStats(scope.trades, { timeZone: ctx.timeZone }).summary;
  const relevant = relevantTrades(ask, trades, local, extras.similar);
  const sections = [
    `QUESTION: ${question}`,
    `STATS (${scope.label}, ${ctx.currency}, zone ${ctx.timeZone}): ${JSON.stringify(summary)}`,
    `LOCAL ANALYSIS (rule-based, figures are exact):\n${local.answer}`,
    `INSIGHTS:\n${local.insights.map((i) => `- [${i.severity}] ${i.title}: ${i.detail} (trades: ${i.tradeIds.join(', ')})`).join('\n') || '- none'}`,
    `TRADES (id | link | net P&L | R | playbook | mistakes):\n${relevant.map((t) => tradeLine(t, journal)).join('\n') || '- none'}`,
  ];
  const byId = new Map(trades.map((t) => [t.id, t]));
  const similar = extras.similar.flatMap((id) => byId.get(id) ?? []);
  if (similar.length > 0)
    sections.push(
      `SIMILAR PAST TRADES (most similar to the trade under review first; compare how they went):\n${similar.map((t) => `- ${t.id}`).join('\n')}`,
    );
  const rules = extras.playbooks.filter((p) => p.rules.length > 0);
  if (rules.length > 0)
    sections.push(`PLAYBOOK RULES:\n${rules.map((p) => `- ${p.name}: ${p.rules.join('; ')}`).join('\n')}`);
  if (extras.entries.length > 0)
    sections.push(
      `JOURNAL ENTRIES (the trade's own first, then the latest):\n${extras.entries
        .map((e) => `- ${e.day ?? 'note'} ${e.title}: ${e.body.slice(0, MAX_ENTRY_CHARS)}`)
        .join('\n')}`,
    );
  return sections.join('\n\n');
}

/** The trades closed in the ISO week holding `date` (the week under review), in the journal's zone. */
function weekTrades(trades: CoachTrade[], date: string, timeZone: string): { trades: CoachTrade[]; label: string } {
  const { start, end } = weekOf(date);
  const inWeek = trades.filter((t) => {
    if (t.closedAt === null) return false;
    const day = localParts(t.closedAt, timeZone).day;
    return day >= start && day <= end;
  });
  return { trades: inWeek, label: `trades closed ${start} to ${end}` };
}

/**
 * The trades the model may cite: those the local insights and answer rest on, plus the
 * one under review. (Similar-trade search by embeddings will add more later.)
 */
function relevantTrades(ask: CoachAsk, trades: CoachTrade[], local: CoachAnswer, similar: string[]): CoachTrade[] {
  const ids = new Set<string>();
  if (ask.mode === 'trade') ids.add(ask.tradeId);
  for (const id of similar) ids.add(id);
  for (const c of local.citations) ids.add(c.id);
  for (const i of local.insights) for (const id of i.tradeIds) ids.add(id);
  const byId = new Map(trades.map((t) => [t.id, t]));
  return [...ids].flatMap((id) => byId.get(id) ?? []).slice(0, MAX_TRADES);
}

function tradeLine(t: CoachTrade, { ctx }: CoachJournal): string {
  const playbook = t.playbookId ? (ctx.playbookNames[t.playbookId] ?? '-') : '-';
  const closed = t.closedAt === null ? 'open' : `closed ${shortTime(t.closedAt, ctx.timeZone)}`;
  return `${t.id} | ${tradeLink(t, ctx)} | ${t.netPnl} | ${t.rMultiple ?? '-'} | ${playbook} | ${t.mistakes.join(', ') || '-'} | ${closed}`;
}

const LINK = /\[((?:\\.|[^\]\\])*)\]\(trade:([^)\s]*)\)/g;

/**
 * Keep only trade links whose id is in the journal: a link to an unknown id becomes its
 * label (the trader never sees a link to a trade that does not exist).
 */
export function validateCitations(
  text: string,
  knownIds: ReadonlySet<string>,
): { answer: string; citations: Citation[] } {
  const cited = new Set<string>();
  const answer = text.replace(LINK, (link, label: string, id: string) => {
    if (!knownIds.has(id)) return label;
    cited.add(id);
    return link;
  });
  return { answer, citations: [...cited].map((id) => ({ kind: 'trade' as const, id })) };
}
