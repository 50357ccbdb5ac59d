import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { R_MULTIPLE_SQL } from '../journal/stats-r';
import { stringList } from '../journal/json';
import type { EmbedDoc } from './local-embedder';
import { ruleTexts } from '../journal/playbooks';
import { prepared } from '../db/prepared';

/** The journal rows that get embeddings. */
export const embeddedEntities = ['trades', 'journal_entries', 'playbooks', 'coach_messages'] as const;
export type EmbeddedEntity = (typeof embeddedEntities)[number];

export function isEmbeddedEntity(name: string): name is EmbeddedEntity {
  return (embeddedEntities as readonly string[]).includes(name);
}

/** Where a trade sits, for the similar-trades filters; null for other entities. */
export type TradeFilterFields = { accountId: string; symbol: string; openedAt: number };

/** One row's embeddable content: `content` is what Gemini reads and what the cache key hashes. */
export type EmbedTarget = {
  entity: EmbeddedEntity;
  id: string;
  doc: EmbedDoc;
  content: string;
  sha256: string;
  filter: TradeFilterFields | null;
};

const minute = 60_000;
const holdBuckets: [number, string][] = [
  [minute, '<1m'],
  [5 * minute, '1-5m'],
  [15 * minute, '5-15m'],
  [60 * minute, '15-60m'],
  [240 * minute, '1-4h'],
  [1440 * minute, '4h-1d'],
  [5 * 1440 * minute, '1-5d'],
];
const rBuckets: [number, string][] = [
  [-2, '<-2'],
  [-1, '-2..-1'],
  [-0.5, '-1..-0.5'],
  [0, '-0.5..0'],
  [0.5, '0..0.5'],
  [1, '0.5..1'],
  [2, '1..2'],
  [3, '2..3'],
];

/** Holding time as a coarse bucket, so a 6-minute and a 9-minute scalp share it. */
export function holdBucket(openedAt: number, closedAt: number | null): string {
  if (closedAt === null) return 'open';
  const held = closedAt - openedAt;
  return holdBuckets.find(([limit]) => held < limit)?.[1] ?? '>5d';
}

export function rBucket(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return 'none';
  return rBuckets.find(([limit]) => r < limit)?.[1] ?? '>3';
}

/** Features and text as one stable string: lines of features, a blank line, the text. */
function targetOf(entity: EmbeddedEntity, id: string, doc: EmbedDoc, filter: TradeFilterFields | null): EmbedTarget {
  const content = `${doc.features.join('\n')}\n\n${doc.text}`;
  return { entity, id, doc, content, sha256: sha256(content), filter };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const norm = (s: string) => s.trim().toLowerCase();
const sortedNames = (json: string | null) => [...new Set(stringList(json).map(norm))].filter(Boolean).sort();

/** Hour of day and weekday in the journal's display zone: a 9:30 open is 9:30 to the trader. */
const clocks = new Map<string, (at: number) => { hour: string; weekday: string }>();

/** The hour and weekday of an instant in `timeZone`; one formatter per zone, kept (building one is slow). */
function clockOf(timeZone: string): (at: number) => { hour: string; weekday: string } {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = newClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

function newClock(timeZone: string): (at: number) => { hour: string; weekday: string } {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23', weekday: 'short' });
  return (at) => {
    const parts = format.formatToParts(new Date(at));
    return {
      hour: parts.find((p) => p.type === 'hour')?.value ?? '00',
      weekday: (parts.find((p) => p.type === 'weekday')?.value ?? '').toLowerCase(),
    };
  };
}

type TradeContentRow = {
  id: string;
  account_id: string;
  symbol: string;
  asset_class: string;
  side: string;
  opened_at: number;
  closed_at: number | null;
  outcome: number;
  status: string;
  notes: string;
  emotions: string;
  mistakes: string;
  playbook: string | null;
  tags: string | null;
  r: number | null;
};

/** `AND x.id IN (ids)` with the ids bound as one JSON parameter, or nothing for every row. */
function idFilter(alias: string, ids: readonly string[] | null): { sql: string; params: string[] } {
  return ids === null
    ? { sql: '', params: [] }
    : { sql: `AND ${alias}.id IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(ids)] };
}

function readTrades(db: Database, ids: readonly string[] | null, timeZone: string): EmbedTarget[] {
  const filter = idFilter('t', ids);
  const rows = prepared(
    db,
    `SELECT t.id, t.account_id, t.symbol, t.asset_class, t.side, t.status, t.opened_at, t.closed_at, t.outcome,
              t.notes, t.emotions, t.mistakes, p.name AS playbook, ${R_MULTIPLE_SQL} AS r,
              (SELECT json_group_array(g.name) FROM trade_tags tt JOIN tags g ON g.id = tt.tag_id
                WHERE tt.trade_id = t.id AND tt.deleted_hlc IS NULL AND g.deleted_hlc IS NULL) AS tags
       FROM trades t LEFT JOIN playbooks p ON p.id = t.playbook_id AND p.deleted_hlc IS NULL
       WHERE t.deleted_hlc IS NULL ${filter.sql} ORDER BY t.id`,
  ).all(...filter.params) as TradeContentRow[];
  const clock = clockOf(timeZone);
  return rows.map((t) => {
    const { hour, weekday } = clock(t.opened_at);
    const outcome = t.status === 'open' ? 'open' : t.outcome > 0 ? 'win' : t.outcome < 0 ? 'loss' : 'flat';
    const features = [
      `symbol:${t.symbol.toUpperCase()}`,
      `asset:${t.asset_class}`,
      `side:${t.side}`,
      `playbook:${t.playbook ? norm(t.playbook) : 'none'}`,
      ...sortedNames(t.tags).map((n) => `tag:${n}`),
      ...sortedNames(t.emotions).map((n) => `emotion:${n}`),
      ...sortedNames(t.mistakes).map((n) => `mistake:${n}`),
      `hour:${hour}`,
      `weekday:${weekday}`,
      `hold:${holdBucket(t.opened_at, t.closed_at)}`,
      `r:${rBucket(t.r)}`,
      `outcome:${outcome}`,
    ];
    return targetOf(
      'trades',
      t.id,
      { features, text: t.notes },
      {
        accountId: t.account_id,
        symbol: t.symbol,
        openedAt: t.opened_at,
      },
    );
  });
}

type EntryRow = {
  id: string;
  kind: string;
  day: string | null;
  title: string;
  body: string;
  mood: number | null;
  emotions: string;
  mistakes: string;
  pre_market: string;
  post_market: string;
};

function readEntries(db: Database, ids: readonly string[] | null): EmbedTarget[] {
  const filter = idFilter('j', ids);
  const rows = prepared(
    db,
    `SELECT j.id, j.kind, j.day, j.title, j.body, j.mood, j.emotions, j.mistakes, j.pre_market, j.post_market
       FROM journal_entries j WHERE j.deleted_hlc IS NULL ${filter.sql} ORDER BY j.id`,
  ).all(...filter.params) as EntryRow[];
  return rows.map((j) => {
    const features = [
      `kind:${j.kind}`,
      `mood:${j.mood ?? 'none'}`,
      ...sortedNames(j.emotions).map((n) => `emotion:${n}`),
      ...sortedNames(j.mistakes).map((n) => `mistake:${n}`),
    ];
    const text = [j.title, j.body, j.pre_market, j.post_market].filter((s) => s.trim() !== '').join('\n');
    return targetOf('journal_entries', j.id, { features, text }, null);
  });
}

function readPlaybooks(db: Database, ids: readonly string[] | null): EmbedTarget[] {
  const filter = idFilter('p', ids);
  const rows = prepared(
    db,
    `SELECT p.id, p.name, p.description, p.rules FROM playbooks p WHERE p.deleted_hlc IS NULL ${filter.sql} ORDER BY p.id`,
  ).all(...filter.params) as { id: string; name: string; description: string; rules: string }[];
  return rows.map((p) => {
    const rules = ruleTexts(p.rules);
    const text = [p.name, p.description, ...rules].filter((s) => s.trim() !== '').join('\n');
    return targetOf('playbooks', p.id, { features: [`playbook:${norm(p.name)}`], text }, null);
  });
}

function readCoachMessages(db: Database, ids: readonly string[] | null): EmbedTarget[] {
  const filter = idFilter('m', ids);
  const rows = prepared(
    db,
    `SELECT m.id, m.role, m.mode, m.content FROM coach_messages m WHERE m.deleted_hlc IS NULL ${filter.sql} ORDER BY m.id`,
  ).all(...filter.params) as { id: string; role: string; mode: string; content: string }[];
  return rows.map((m) =>
    targetOf('coach_messages', m.id, { features: [`role:${m.role}`, `mode:${m.mode}`], text: m.content }, null),
  );
}

/**
 * What each live row of `entity` embeds (ids: those rows; null: every live row). A row
 * missing from the answer is deleted or never existed: its mapping should go.
 */
export function readTargets(
  db: Database,
  entity: EmbeddedEntity,
  ids: readonly string[] | null,
  timeZone: string,
): EmbedTarget[] {
  switch (entity) {
    case 'trades':
      return readTrades(db, ids, timeZone);
    case 'journal_entries':
      return readEntries(db, ids);
    case 'playbooks':
      return readPlaybooks(db, ids);
    case 'coach_messages':
      return readCoachMessages(db, ids);
  }
}
