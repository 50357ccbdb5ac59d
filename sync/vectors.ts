import type { EmbeddingCache, Space } from '../electron/core/embeddings/cache';
import { embeddedEntities, type EmbeddedEntity } from '../electron/core/embeddings/content';
import type { QdrantCollection, QdrantStore, VectorPoint } from './qdrant';

/** Which Qdrant collection holds each embedded entity's vectors. */
export const collectionOf: Record<EmbeddedEntity, QdrantCollection> = {
  trades: 'trades',
  playbooks: 'playbooks',
  journal_entries: 'journal_entries',
  coach_messages: 'coach_history',
};

export type VectorReport = { space: Space | null; upserted: number; deleted: number; pulled: number };

const PAGE = 256;

/**
 * Mirror this device's embedding cache to the trader's Qdrant, one space (Gemini's when the
 * cache has it, else the local embedder's): points for rows whose content changed since the
 * last mirror, deletes for rows no longer embedded. A device whose mirror is empty first
 * pulls what other devices put there, so it does not pay to embed the same content again.
 * Point id = row id; payload: workspace, content hash, space and the trade filter fields.
 */
export async function mirrorVectors(cache: EmbeddingCache, qdrant: QdrantStore): Promise<VectorReport> {
  const pg = cache.pg;
  const report: VectorReport = { space: null, upserted: 0, deleted: 0, pulled: 0 };
  const { rows: spaces } = await pg.query<{ provider: string; model: string; dims: number; n: number }>(
    `SELECT provider, model, dims, count(*)::int AS n FROM entity_map GROUP BY 1, 2, 3
     ORDER BY (provider = 'gemini') DESC, count(*) DESC`,
  );
  const top = spaces[0];
  const empty = (await pg.query(`SELECT 1 FROM qdrant_mirror LIMIT 1`)).rows.length === 0;
  if (!top && !empty) return report;
  if (top) report.space = { provider: top.provider, model: top.model, dims: top.dims };
  if (report.space) await qdrant.ensureCollections(report.space.dims);
  if (empty) report.pulled = await pullVectors(cache, qdrant);
  if (!report.space) return report;
  const space = report.space;
  for (const entity of embeddedEntities) {
    const collection = collectionOf[entity];
    for (;;) {
      const { rows } = await pg.query<{
        id: string;
        h: string;
        e: string;
        a: string | null;
        s: string | null;
        o: number | null;
      }>(
        `SELECT m.entity_id AS id, m.content_sha256 AS h, v.embedding::text AS e, m.account_id AS a, m.symbol AS s, m.opened_at AS o
         FROM entity_map m
         JOIN vectors v ON v.content_sha256 = m.content_sha256 AND v.provider = m.provider AND v.model = m.model AND v.dims = m.dims
         LEFT JOIN qdrant_mirror q ON q.entity = m.entity AND q.entity_id = m.entity_id
         WHERE m.entity = $1 AND m.provider = $2 AND m.model = $3 AND m.dims = $4
           AND q.content_sha256 IS DISTINCT FROM m.content_sha256
         ORDER BY m.entity_id LIMIT $5`,
        [entity, space.provider, space.model, space.dims, PAGE],
      );
      if (rows.length === 0) break;
      const points: VectorPoint[] = rows.map((r) => ({
        id: r.id,
        vector: JSON.parse(r.e) as number[],
        payload: {
          workspace_id: qdrant.workspaceId,
          content_hash: r.h,
          provider: space.provider,
          model: space.model,
          dims: space.dims,
          ...(r.a ? { account_id: r.a } : {}),
          ...(r.s ? { symbol: r.s } : {}),
          ...(r.o !== null ? { opened_at: Number(r.o) } : {}),
        },
      }));
      await qdrant.upsert(collection, points);
      await remember(
        cache,
        entity,
        rows.map((r) => [r.id, r.h]),
      );
      report.upserted += rows.length;
    }
    // Points pulled from other devices become this device's to delete once it embeds the same content.
    await pg.query(
      `UPDATE qdrant_mirror q SET owned = true FROM entity_map m
       WHERE q.entity = $1 AND NOT q.owned AND m.entity = q.entity AND m.entity_id = q.entity_id
         AND m.content_sha256 = q.content_sha256 AND m.provider = $2 AND m.model = $3 AND m.dims = $4`,
      [entity, space.provider, space.model, space.dims],
    );
    const { rows: gone } = await pg.query<{ id: string }>(
      `SELECT q.entity_id AS id FROM qdrant_mirror q
       WHERE q.entity = $1 AND q.owned AND NOT EXISTS (
         SELECT 1 FROM entity_map m WHERE m.entity = q.entity AND m.entity_id = q.entity_id
           AND m.provider = $2 AND m.model = $3 AND m.dims = $4)`,
      [entity, space.provider, space.model, space.dims],
    );
    for (let i = 0; i < gone.length; i += PAGE) {
      const ids = gone.slice(i, i + PAGE).map((r) => r.id);
      await qdrant.delete(collection, ids);
      await pg.query(`DELETE FROM qdrant_mirror WHERE entity = $1 AND entity_id = ANY($2::text[])`, [entity, ids]);
      report.deleted += ids.length;
    }
  }
  return report;
}

/** A new device: take the vectors other devices mirrored (stored by content hash; rows map to them when their content matches). */
async function pullVectors(cache: EmbeddingCache, qdrant: QdrantStore): Promise<number> {
  let pulled = 0;
  for (const entity of embeddedEntities) {
    let offset: string | null = null;
    do {
      let page: Awaited<ReturnType<QdrantStore['pull']>>;
      try {
        page = await qdrant.pull(collectionOf[entity], { offset, limit: PAGE });
      } catch (error) {
        if ((error as { status?: number }).status === 404) break; // no device has mirrored this entity yet
        throw error;
      }
      await cache.putVectors(
        entity,
        page.points.map((p) => ({
          id: p.id,
          vector: p.vector,
          contentHash: p.payload.content_hash,
          provider: p.payload.provider,
          model: p.payload.model,
          dims: p.payload.dims,
        })),
      );
      await remember(
        cache,
        entity,
        page.points.map((p) => [p.id, p.payload.content_hash]),
        false,
      );
      pulled += page.points.length;
      offset = page.next;
    } while (offset !== null);
  }
  return pulled;
}

async function remember(
  cache: EmbeddingCache,
  entity: EmbeddedEntity,
  rows: [string, string][],
  owned = true,
): Promise<void> {
  if (rows.length === 0) return;
  await cache.pg.query(
    `INSERT INTO qdrant_mirror (entity, entity_id, content_sha256, owned)
     SELECT $1, id, h, $4 FROM unnest($2::text[], $3::text[]) AS u(id, h)
     ON CONFLICT (entity, entity_id) DO UPDATE SET content_sha256 = excluded.content_sha256, owned = excluded.owned`,
    [entity, rows.map((r) => r[0]), rows.map((r) => r[1]), owned],
  );
}
