import type { Database, Statement } from 'better-sqlite3';
import { merge3 } from '../shared/domain/text/merge3';
import { newId, type Row, type Store } from '../electron/core/journal/store';
import { rowColumns, type CloudEntity } from './entities';
import type { SyncRow } from './postgres';

/**
 * The cloud version a device last agreed on for a row with trader-written text (all its
 * columns). Saved only for rows changed since (see migration 0013): a row with no pending
 * outbox record is itself the version agreed on, and one never synced has none.
 */
export type TextBase = { hlc: string; texts: Record<string, string | number | null> };

const statements = new WeakMap<Database, { read: Statement; write: Statement; drop: Statement }>();

function prepared(db: Database): { read: Statement; write: Statement; drop: Statement } {
  let found = statements.get(db);
  if (!found) {
    found = {
      read: db.prepare(`SELECT hlc, texts FROM sync_base WHERE entity = ? AND id = ?`),
      write: db.prepare(
        `INSERT INTO sync_base (entity, id, hlc, texts) VALUES (?, ?, ?, ?)
         ON CONFLICT (entity, id) DO UPDATE SET hlc = excluded.hlc, texts = excluded.texts`,
      ),
      drop: db.prepare(`DELETE FROM sync_base WHERE entity = ? AND id = ?`),
    };
    statements.set(db, found);
  }
  return found;
}

export function readBase(db: Database, entity: string, id: string): TextBase | null {
  const row = prepared(db).read.get(entity, id) as { hlc: string; texts: string } | undefined;
  return row ? { hlc: row.hlc, texts: JSON.parse(row.texts) as TextBase['texts'] } : null;
}

export function writeBase(db: Database, spec: CloudEntity, row: SyncRow): void {
  const texts: Record<string, string | number | null> = {};
  for (const c of rowColumns(spec)) texts[c] = row[c] ?? null;
  prepared(db).write.run(spec.name, String(row.id), String(row.hlc), JSON.stringify(texts));
}

/** The row agrees with the cloud again: it is its own base. */
export function dropBase(db: Database, entity: string, id: string): void {
  prepared(db).drop.run(entity, id);
}

export type MergeOutcome = { conflictCopies: number; merged: boolean };

/**
 * Another device changed a text row this device also changed (the cloud refused our
 * version because it was no longer the one we started from). Every column merges three
 * ways against the base: a column only one side changed takes that change; texts both
 * changed merge by lines; any other column both changed goes to the later writer by HLC. A text that
 * cannot be merged keeps the cloud's words in place and ours in a conflict copy — a
 * journal note the trader sees — so no words are ever dropped. The result is written as
 * a new local change made on top of the cloud's version, and pushed next.
 */
export function mergeIntoCloudVersion(
  store: Store,
  spec: CloudEntity,
  ours: SyncRow,
  cloud: SyncRow,
  applyRow: (row: SyncRow) => void,
): MergeOutcome {
  const db = store.db;
  const base = readBase(db, spec.name, String(ours.id));
  const later = String(ours.hlc) > String(cloud.hlc) ? ours : cloud;
  const patch: Row = {};
  const copies: { column: string; text: string }[] = [];
  for (const column of rowColumns(spec)) {
    if (column === 'id' || column === 'hlc' || column === 'device_id' || column === 'deleted_hlc') continue;
    const mine = ours[column] ?? null;
    const theirs = cloud[column] ?? null;
    if (mine === theirs) continue;
    const was = base ? (base.texts[column] ?? null) : undefined;
    if (spec.text.includes(column)) {
      const result = merge3(String(was ?? ''), String(mine ?? ''), String(theirs ?? ''));
      if (result.clean) {
        if (result.text !== theirs) patch[column] = result.text;
      } else copies.push({ column, text: String(mine ?? '') });
    } else if (was !== undefined && theirs === was) {
      patch[column] = mine; // only this device changed it
    } else if (was !== undefined && mine === was) {
      continue; // only the other device changed it
    } else if (later === ours) {
      patch[column] = mine; // both changed it: the later writer wins
    }
  }
  // A delete and an edit: the later one decides, as for any row.
  const deleted = later === ours && (ours.deleted_hlc !== null) !== (cloud.deleted_hlc !== null);
  applyRow(cloud);
  writeBase(db, spec, cloud);
  if (Object.keys(patch).length === 0 && copies.length === 0 && !deleted) return { conflictCopies: 0, merged: false };
  store.mutate((w) => {
    const id = String(cloud.id);
    const alive = cloud.deleted_hlc === null || cloud.deleted_hlc === undefined;
    if (deleted && !alive) w.revive(spec.name, id);
    if (Object.keys(patch).length > 0 && (alive || deleted)) w.update(spec.name, id, patch);
    if (deleted && alive) w.remove(spec.name, id);
    for (const copy of copies) w.insert('journal_entries', conflictCopy(spec, cloud, copy, store.deviceId));
  });
  return { conflictCopies: copies.length, merged: true };
}

const labels: Record<string, string> = {
  notes: 'trade notes',
  body: 'note',
  title: 'title',
  pre_market: 'pre-market plan',
  post_market: 'post-market review',
};

function conflictCopy(spec: CloudEntity, cloud: SyncRow, copy: { column: string; text: string }, device: string): Row {
  const now = Date.now();
  const onTrade = spec.name === 'trades';
  const what = labels[copy.column] ?? copy.column;
  return {
    id: newId(),
    kind: onTrade ? 'trade' : (cloud.kind ?? 'note'),
    day: onTrade ? null : (cloud.day ?? null),
    trade_id: onTrade ? (cloud.id ?? null) : (cloud.trade_id ?? null),
    title: `Conflict copy: ${what} written on device ${device.slice(-8)}`,
    body: `Two devices changed the same lines of this ${what} before they synced. The other version is kept in place; this is the one written on device ${device.slice(-8)}. Copy what you want to keep, then delete this note.\n\n${copy.text}`,
    created_at: now,
    updated_at: now,
  };
}

/** Conflict copies made and still in the journal (the trader deletes one when done with it). */
export function openConflicts(db: Database): number {
  return db
    .prepare(`SELECT count(*) FROM journal_entries WHERE deleted_hlc IS NULL AND title LIKE 'Conflict copy: %'`)
    .pluck()
    .get() as number;
}
