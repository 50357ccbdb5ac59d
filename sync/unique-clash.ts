import type { Database, Statement } from 'better-sqlite3';
import { nameBasedId } from '../electron/core/journal/ids';
import type { Store } from '../electron/core/journal/store';
import { rowColumns, type CloudEntity } from './entities';
import type { SyncRow } from './postgres';

/** What resolving a unique-key clash needs of the local side: its connection, store and statements. */
export type ClashContext = {
  db: Database;
  store: Store;
  /** The entity's insert-or-newer-wins statement. */
  upsert: (spec: CloudEntity) => Statement;
  /** A cached prepared statement. */
  statement: (sql: string) => Statement;
};

/**
 * The same broker fill imported on two devices before they synced has two ids but one
 * (account, dedupe key). Both devices keep the smaller id; the other becomes a
 * tombstone under a renamed key, written as a local change so the cloud learns it too.
 * If the trader had deleted the losing copy (a later act than the import), the delete
 * carries over to the winner, so it is not lost to the renaming.
 */
export function resolveUniqueClash(ctx: ClashContext, spec: CloudEntity, row: SyncRow): boolean {
  if (spec.name === 'tags') return resolveTagName(ctx, spec, row);
  if (spec.name !== 'executions') return false;
  const local = ctx
    .statement(`SELECT id, hlc, deleted_hlc FROM executions WHERE account_id = ? AND dedupe_key = ?`)
    .get(row.account_id, row.dedupe_key) as { id: string; hlc: string; deleted_hlc: string | null } | undefined;
  if (!local) return false;
  const key = String(row.dedupe_key);
  const incoming = {
    id: String(row.id),
    hlc: String(row.hlc),
    deleted_hlc: (row.deleted_hlc as string | null) ?? null,
  };
  const [winner, loser] = incoming.id < local.id ? [incoming, local] : [local, incoming];
  const deletedLater = loser.deleted_hlc !== null && winner.deleted_hlc === null && loser.deleted_hlc > winner.hlc;
  if (loser === local) {
    ctx.store.mutate((w) => {
      // A fill already deleted here still holds the key (the unique key covers tombstones).
      if (local.deleted_hlc !== null) w.revive('executions', local.id);
      w.update('executions', local.id, { dedupe_key: `${key}#dup:${local.id}` });
      w.remove('executions', local.id);
    });
    ctx.upsert(spec).run(...rowColumns(spec).map((c) => row[c] ?? null));
  } else {
    // Keep the other device's copy under a renamed key, and retire it as a local change too,
    // so the cloud learns the rename even if that device never syncs again.
    const renamed: SyncRow = { ...row, dedupe_key: `${key}#dup:${incoming.id}` };
    ctx.upsert(spec).run(...rowColumns(spec).map((c) => renamed[c] ?? null));
    ctx.store.mutate((w) => {
      if (incoming.deleted_hlc !== null) w.revive('executions', incoming.id);
      w.remove('executions', incoming.id);
    });
  }
  if (deletedLater) ctx.store.mutate((w) => w.remove('executions', winner.id));
  return true;
}

/**
 * Two devices made a live tag of the same name. Both keep the smaller id; the other is
 * tombstoned by the device that made it, which also moves its trades onto the winner.
 * The device that merely receives the loser stores it as a tombstone straight away.
 */
function resolveTagName(ctx: ClashContext, spec: CloudEntity, row: SyncRow): boolean {
  const local = ctx.db
    .prepare(`SELECT id FROM tags WHERE lower(name) = lower(?) AND deleted_hlc IS NULL`)
    .pluck()
    .get(row.name) as string | undefined;
  if (!local) return false;
  const incomingId = String(row.id);
  const values = (r: SyncRow) => rowColumns(spec).map((c) => r[c] ?? null);
  if (local < incomingId) {
    ctx.upsert(spec).run(...values({ ...row, deleted_hlc: row.deleted_hlc ?? row.hlc ?? null }));
    return true;
  }
  ctx.store.mutate((w) => {
    const links = ctx.db
      .prepare(`SELECT id, trade_id FROM trade_tags WHERE tag_id = ? AND deleted_hlc IS NULL`)
      .all(local) as { id: string; trade_id: string }[];
    const pair = ctx.db.prepare(`SELECT id, deleted_hlc FROM trade_tags WHERE trade_id = ? AND tag_id = ?`);
    for (const link of links) {
      w.remove('trade_tags', link.id);
      const existing = pair.get(link.trade_id, incomingId) as { id: string; deleted_hlc: string | null } | undefined;
      if (!existing) {
        w.insert('trade_tags', {
          id: nameBasedId('trade_tags', link.trade_id, incomingId),
          trade_id: link.trade_id,
          tag_id: incomingId,
        });
      } else if (existing.deleted_hlc !== null) w.revive('trade_tags', existing.id);
    }
    w.remove('tags', local);
  });
  return ctx.upsert(spec).run(...values(row)).changes > 0;
}
