import type { ParsedInput } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { JournalEntry } from '../../../shared/domain/types';
import { nameBasedId } from './ids';
import { stringList } from './json';
import { newId, type Row, type SqlValue, type Store } from './store';

type EntryRow = {
  id: string;
  kind: JournalEntry['kind'];
  day: string | null;
  trade_id: string | null;
  title: string;
  body: string;
  mood: number | null;
  emotions: string;
  mistakes: string;
  pre_market: string;
  post_market: string;
  created_at: number;
  updated_at: number;
};

const columns = `id, kind, day, trade_id, title, body, mood, emotions, mistakes, pre_market, post_market, created_at, updated_at`;

function toEntry(r: EntryRow): JournalEntry {
  return {
    id: r.id,
    kind: r.kind,
    day: r.day,
    tradeId: r.trade_id,
    title: r.title,
    body: r.body,
    mood: r.mood,
    emotions: stringList(r.emotions),
    mistakes: stringList(r.mistakes),
    preMarket: r.pre_market,
    postMarket: r.post_market,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

type EntryPatch = ParsedInput<'journal.update'>['patch'];

function patchColumns(patch: EntryPatch): Row {
  const row: Row = {};
  if (patch.title !== undefined) row.title = patch.title;
  if (patch.body !== undefined) row.body = patch.body;
  if (patch.mood !== undefined) row.mood = patch.mood;
  if (patch.emotions !== undefined) row.emotions = JSON.stringify(patch.emotions);
  if (patch.mistakes !== undefined) row.mistakes = JSON.stringify(patch.mistakes);
  if (patch.preMarket !== undefined) row.pre_market = patch.preMarket;
  if (patch.postMarket !== undefined) row.post_market = patch.postMarket;
  return row;
}

/** Journal entries: daily notes, notes on a trade, free notes. */
export class JournalEntries {
  constructor(private readonly store: Store) {}

  list(input: ParsedInput<'journal.list'>): JournalEntry[] {
    const clauses = ['deleted_hlc IS NULL'];
    const params: SqlValue[] = [];
    if (input.from !== undefined) {
      clauses.push('day >= ?');
      params.push(input.from);
    }
    if (input.to !== undefined) {
      clauses.push('day <= ?');
      params.push(input.to);
    }
    if (input.tradeId !== undefined) {
      clauses.push('trade_id = ?');
      params.push(input.tradeId);
    }
    if (input.kind !== undefined) {
      clauses.push('kind = ?');
      params.push(input.kind);
    }
    const rows = this.store.db
      .prepare(
        `SELECT ${columns} FROM journal_entries WHERE ${clauses.join(' AND ')} ORDER BY day DESC, created_at DESC LIMIT 5000`,
      )
      .all(...params) as EntryRow[];
    return rows.map(toEntry);
  }

  get({ id }: { id: string }): JournalEntry {
    const row = this.store.db
      .prepare(`SELECT ${columns} FROM journal_entries WHERE id = ? AND deleted_hlc IS NULL`)
      .get(id) as EntryRow | undefined;
    if (!row) throw new CoreError('NOT_FOUND', 'That journal entry no longer exists.');
    return toEntry(row);
  }

  create(input: ParsedInput<'journal.create'>): JournalEntry {
    if (input.tradeId !== null) {
      const live = this.store.db
        .prepare(`SELECT 1 FROM trades WHERE id = ? AND deleted_hlc IS NULL`)
        .pluck()
        .get(input.tradeId);
      if (!live) throw new CoreError('NOT_FOUND', 'That trade no longer exists.');
    }
    if (input.kind === 'day' && input.day !== null) {
      const existing = this.store.db
        .prepare(`SELECT id FROM journal_entries WHERE kind = 'day' AND day = ? AND deleted_hlc IS NULL`)
        .pluck()
        .get(input.day) as string | undefined;
      if (existing)
        throw new CoreError('CONFLICT', `There is already a journal entry for ${input.day}; edit that one.`);
    }
    // A day's entry has an id made from its day: two devices that start the same day's
    // entry before they sync write one row, whose texts sync merges, not two rival entries.
    const id = input.kind === 'day' && input.day !== null ? nameBasedId('journal_entries', 'day', input.day) : newId();
    const now = Date.now();
    const fields: Row = {
      title: '',
      body: '',
      emotions: '[]',
      mistakes: '[]',
      pre_market: '',
      post_market: '',
      mood: null,
      ...patchColumns(input),
      created_at: now,
      updated_at: now,
    };
    const buried = this.store.db
      .prepare(`SELECT 1 FROM journal_entries WHERE id = ? AND deleted_hlc IS NOT NULL`)
      .pluck()
      .get(id);
    this.store.mutate((w) => {
      if (buried) {
        // The day's entry was deleted earlier: the same row comes back, emptied and refilled.
        w.revive('journal_entries', id);
        w.update('journal_entries', id, fields);
      } else {
        w.insert('journal_entries', { id, kind: input.kind, day: input.day, trade_id: input.tradeId, ...fields });
      }
    });
    return this.get({ id });
  }

  update({ id, patch }: ParsedInput<'journal.update'>): JournalEntry {
    this.store.mutate((w) => w.update('journal_entries', id, { ...patchColumns(patch), updated_at: Date.now() }));
    return this.get({ id });
  }

  delete({ id }: { id: string }): { id: string } {
    this.store.mutate((w) => w.remove('journal_entries', id));
    return { id };
  }
}
