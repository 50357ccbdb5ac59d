import type { Database } from 'better-sqlite3';
import { type Row, type Writer } from './store';
import { nameBasedId } from './ids';

type Annotations = {
  stop_price: string | null;
  target_price: string | null;
  risk_amount: string | null;
  playbook_id: string | null;
  rating: number | null;
  notes: string;
  emotions: string;
  mistakes: string;
  rules_kept: string;
};

const annotationColumns = `stop_price, target_price, risk_amount, playbook_id, rating, notes, emotions, mistakes, rules_kept`;

/**
 * A trade that no longer exists after re-grouping (new fills merged it into another) hands
 * its trader-written parts to the trade that now holds its first fill: annotations where
 * the successor has none, its tags, journal entries and screenshots. Nothing the trader
 * wrote is dropped.
 */
export function carryAnnotations(db: Database, w: Writer, fromId: string, toId: string): void {
  const from = db.prepare(`SELECT ${annotationColumns} FROM trades WHERE id = ?`).get(fromId) as
    Annotations | undefined;
  const to = db.prepare(`SELECT ${annotationColumns} FROM trades WHERE id = ?`).get(toId) as Annotations | undefined;
  if (from && to) {
    const patch: Row = {};
    for (const key of Object.keys(from) as (keyof Annotations)[]) {
      if (isEmpty(to[key]) && !isEmpty(from[key])) patch[key] = from[key];
    }
    if (!isEmpty(from.notes) && !isEmpty(to.notes) && from.notes !== to.notes)
      patch.notes = `${to.notes}\n\n${from.notes}`;
    if (Object.keys(patch).length > 0) w.update('trades', toId, patch);
  }
  const links = db
    .prepare(`SELECT id, tag_id FROM trade_tags WHERE trade_id = ? AND deleted_hlc IS NULL`)
    .all(fromId) as {
    id: string;
    tag_id: string;
  }[];
  const has = db.prepare(`SELECT id, deleted_hlc FROM trade_tags WHERE trade_id = ? AND tag_id = ?`);
  for (const link of links) {
    w.remove('trade_tags', link.id);
    const existing = has.get(toId, link.tag_id) as { id: string; deleted_hlc: string | null } | undefined;
    if (!existing)
      w.insert('trade_tags', { id: nameBasedId('trade_tags', toId, link.tag_id), trade_id: toId, tag_id: link.tag_id });
    else if (existing.deleted_hlc !== null) w.revive('trade_tags', existing.id);
  }
  for (const table of ['journal_entries', 'attachments'] as const) {
    const ids = db
      .prepare(`SELECT id FROM ${table} WHERE trade_id = ? AND deleted_hlc IS NULL`)
      .pluck()
      .all(fromId) as string[];
    for (const id of ids) w.update(table, id, { trade_id: toId });
  }
}

function isEmpty(value: string | number | null): boolean {
  return value === null || value === '' || value === '[]';
}
