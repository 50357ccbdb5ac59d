import { createHash } from 'node:crypto';
import type { CloudTableCheck, CloudVerifyReport, VectorCoverage } from '../shared/contract/sync';
import type { Store } from '../electron/core/journal/store';
import { cloudEntities } from './entities';
import { TICK_DAY_US, type CloudDb } from './postgres';
import type { QdrantStore } from './qdrant';
import { collectionOf } from './vectors';

/**
 * `tpj verify --cloud`: per table, the row count, the live count and an md5 of every
 * `id:hlc` in id order, here and in the cloud. Equal digests mean both hold the same
 * version of every row. A table with local changes not yet pushed is reported, not failed.
 * Ticks come last, compared by their count per symbol and day (`tickCheck`).
 */
export async function verifyCloud(store: Store, cloud: CloudDb, cursor: number): Promise<CloudVerifyReport> {
  const remote = await cloud.digest();
  const db = store.db;
  const tables: CloudTableCheck[] = cloudEntities.map((entity) => {
    const rows = db.prepare(`SELECT id, hlc, deleted_hlc FROM ${entity.name} ORDER BY id`).all() as {
      id: string;
      hlc: string;
      deleted_hlc: string | null;
    }[];
    const hash =
      rows.length === 0
        ? ''
        : createHash('md5')
            .update(rows.map((r) => `${r.id}:${r.hlc}`).join(','))
            .digest('hex');
    const local = { rows: rows.length, live: rows.filter((r) => r.deleted_hlc === null).length, hash };
    const theirs = remote[entity.name] ?? { rows: 0, live: 0, hash: '' };
    const pending = db.prepare(`SELECT count(*) FROM outbox WHERE entity = ?`).pluck().get(entity.name) as number;
    return {
      table: entity.name,
      local,
      cloud: theirs,
      pending,
      match: local.hash === theirs.hash && local.rows === theirs.rows,
    };
  });
  tables.push(await tickCheck(store, cloud));
  return { ok: tables.every((t) => t.match || t.pending > 0), cursor, tables, vectors: null };
}

/**
 * Ticks (market data, not rows with clocks): the count, and a digest of the count per
 * (symbol, UTC day) — a day missing or short on either side shows, without reading every
 * price back. Day chunks not uploaded yet count as pending.
 */
async function tickCheck(store: Store, cloud: CloudDb): Promise<CloudTableCheck> {
  const db = store.db;
  const days = db
    .prepare(
      `SELECT symbol, ts / ${TICK_DAY_US} AS day, count(*) AS n FROM ticks
       GROUP BY symbol, ts / ${TICK_DAY_US} ORDER BY symbol COLLATE BINARY, day`,
    )
    .raw()
    .all() as [string, number, number][];
  const rows = days.reduce((sum, [, , n]) => sum + n, 0);
  const hash =
    days.length === 0
      ? ''
      : createHash('md5')
          .update(days.map(([symbol, day, n]) => `${symbol}:${day}:${n}`).join(','))
          .digest('hex');
  const theirs = await cloud.tickDigest();
  const pending = db.prepare(`SELECT count(*) FROM tick_chunks WHERE uploaded_at IS NULL`).pluck().get() as number;
  return {
    table: 'ticks',
    local: { rows, live: rows, hash },
    cloud: { rows: theirs.rows, live: theirs.rows, hash: theirs.hash },
    pending,
    match: hash === theirs.hash && rows === theirs.rows,
  };
}

/** Points per Qdrant collection next to the live rows they embed on this device. */
export async function vectorCoverage(store: Store, qdrant: QdrantStore): Promise<VectorCoverage[]> {
  const out: VectorCoverage[] = [];
  for (const [entity, collection] of Object.entries(collectionOf)) {
    const rows = store.db.prepare(`SELECT count(*) FROM ${entity} WHERE deleted_hlc IS NULL`).pluck().get() as number;
    try {
      out.push({ collection, points: await qdrant.count(collection), rows });
    } catch (error) {
      const status = (error as { status?: number }).status;
      out.push({ collection, points: 0, rows, ...(status === 404 ? {} : { error: (error as Error).message }) });
    }
  }
  return out;
}
