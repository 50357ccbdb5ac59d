import { mkdirSync, rmSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../log/logger';
import type { EmbeddedEntity, TradeFilterFields } from './content';
import { initFolderOffThread } from './init-worker';

/** One vector space: vectors of different spaces are never compared. */
export type Space = { provider: string; model: string; dims: number };

/** One row's mapping to the content it embedded. */
export type Mapping = { entity: EmbeddedEntity; id: string; sha256: string; filter: TradeFilterFields | null };

/** A trade vector with its filter fields, as the in-memory index loads them. */
export type TradeVector = TradeFilterFields & { id: string; vector: Float32Array };

/** One cached vector of one row, as the sync engine moves them between devices. */
export type SyncVector = {
  id: string;
  vector: number[];
  contentHash: string;
  provider: string;
  model: string;
  dims: number;
};

/** Bump when the tables change: an older cache is dropped and rebuilt (it is derived data). */
const SCHEMA_VERSION = '1';

// The content hash leads the vectors key: joins from entity_map then probe one row each,
// whatever the planner believes about table sizes.
const schema = `
  CREATE EXTENSION IF NOT EXISTS vector;
  CREATE TABLE IF NOT EXISTS cache_meta (key text PRIMARY KEY, value text NOT NULL);
  CREATE TABLE IF NOT EXISTS vectors (
    provider text NOT NULL, model text NOT NULL, dims int NOT NULL, content_sha256 text NOT NULL,
    embedding vector NOT NULL,
    PRIMARY KEY (content_sha256, provider, model, dims)
  );
  CREATE TABLE IF NOT EXISTS entity_map (
    entity text NOT NULL, entity_id text NOT NULL,
    provider text NOT NULL, model text NOT NULL, dims int NOT NULL, content_sha256 text NOT NULL,
    account_id text, symbol text, opened_at bigint,
    PRIMARY KEY (entity, entity_id, provider, model, dims)
  );
  -- What the trader's Qdrant holds of this device's vectors (sync/vectors.ts): derived too,
  -- so a rebuilt cache just offers every vector again (upserts are idempotent).
  CREATE TABLE IF NOT EXISTS qdrant_mirror (
    entity text NOT NULL, entity_id text NOT NULL, content_sha256 text NOT NULL,
    -- false for points pulled from other devices until this device embeds the same content
    owned boolean NOT NULL DEFAULT true,
    PRIMARY KEY (entity, entity_id)
  );`;

/**
 * Rows per statement. PGlite runs on the core's thread: small statements with a turn of the
 * event loop between them keep calls from the app answered while a big pass runs.
 */
const BATCH = 200;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** pgvector's text form; JSON can read it back. */
export function vectorText(vector: ArrayLike<number>): string {
  return `[${Array.from(vector).join(',')}]`;
}

function parseVector(text: string): Float32Array {
  return Float32Array.from(JSON.parse(text) as number[]);
}

/**
 * The embedding cache: PGlite + pgvector in `<dataDir>/embeddings/`. Derived data only
 * (rebuildable from the journal), so a folder that will not open is deleted and made anew.
 * PGlite is imported on `open`, never by the core's start-up.
 */
export class EmbeddingCache {
  private constructor(readonly pg: PGlite) {}

  static async open(dir: string, logger: Logger): Promise<EmbeddingCache> {
    try {
      return await EmbeddingCache.openAt(dir);
    } catch (error) {
      logger.warn({ err: error, dir }, 'the embedding cache did not open; deleting it to rebuild from the journal');
      rmSync(dir, { recursive: true, force: true });
      return EmbeddingCache.openAt(dir);
    }
  }

  private static async openAt(dir: string): Promise<EmbeddingCache> {
    const [{ PGlite }, { vector }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-pgvector'),
    ]);
    mkdirSync(dir, { recursive: true });
    await initFolderOffThread(dir);
    const pg = await PGlite.create({ dataDir: dir, relaxedDurability: true, extensions: { vector } });
    try {
      await pg.exec(`CREATE TABLE IF NOT EXISTS cache_meta (key text PRIMARY KEY, value text NOT NULL)`);
      const { rows } = await pg.query<{ value: string }>(`SELECT value FROM cache_meta WHERE key = 'schema'`);
      if (rows[0] && rows[0].value !== SCHEMA_VERSION) await pg.exec(`DROP TABLE IF EXISTS vectors, entity_map`);
      await pg.exec(schema);
      await pg.query(
        `INSERT INTO cache_meta (key, value) VALUES ('schema', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [SCHEMA_VERSION],
      );
    } catch (error) {
      await pg.close().catch(() => undefined);
      throw error;
    }
    return new EmbeddingCache(pg);
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }

  /** Cached vectors of these content hashes in one space. */
  async getVectors(space: Space, hashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    for (let i = 0; i < hashes.length; i += BATCH) {
      const { rows } = await this.pg.query<{ h: string; e: string }>(
        `SELECT content_sha256 AS h, embedding::text AS e FROM vectors
         WHERE provider = $1 AND model = $2 AND dims = $3 AND content_sha256 = ANY($4::text[])`,
        [space.provider, space.model, space.dims, hashes.slice(i, i + BATCH)],
      );
      for (const r of rows) found.set(r.h, parseVector(r.e));
    }
    return found;
  }

  /** Store vectors by content hash; a hash already cached keeps its vector (same content, same vector). */
  async storeVectors(space: Space, vectors: ReadonlyMap<string, ArrayLike<number>>): Promise<void> {
    const entries = [...vectors];
    for (const [, v] of entries)
      if (v.length !== space.dims) throw new Error(`a vector has ${v.length} dimensions, expected ${space.dims}`);
    for (let i = 0; i < entries.length; i += BATCH) {
      const part = entries.slice(i, i + BATCH);
      await this.pg.query(
        `INSERT INTO vectors (provider, model, dims, content_sha256, embedding)
         SELECT $1, $2, $3, h, e::vector FROM unnest($4::text[], $5::text[]) AS u(h, e)
         ON CONFLICT DO NOTHING`,
        [space.provider, space.model, space.dims, part.map(([h]) => h), part.map(([, v]) => vectorText(v))],
      );
      await yieldToEventLoop();
    }
  }

  /** Point rows at the content they now embed in one space. */
  async setMappings(space: Space, mappings: readonly Mapping[]): Promise<void> {
    for (let i = 0; i < mappings.length; i += BATCH) {
      const part = mappings.slice(i, i + BATCH);
      await this.pg.query(
        `INSERT INTO entity_map (entity, entity_id, provider, model, dims, content_sha256, account_id, symbol, opened_at)
         SELECT e, id, $1, $2, $3, h, a, s, o
         FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[]) AS u(e, id, h, a, s, o)
         ON CONFLICT (entity, entity_id, provider, model, dims) DO UPDATE SET content_sha256 = excluded.content_sha256,
           account_id = excluded.account_id, symbol = excluded.symbol, opened_at = excluded.opened_at`,
        [
          space.provider,
          space.model,
          space.dims,
          part.map((m) => m.entity),
          part.map((m) => m.id),
          part.map((m) => m.sha256),
          part.map((m) => m.filter?.accountId ?? null),
          part.map((m) => m.filter?.symbol ?? null),
          part.map((m) => m.filter?.openedAt ?? null),
        ],
      );
      await yieldToEventLoop();
    }
  }

  /** Forget rows (deleted from the journal) in every space. */
  async dropMappings(entity: EmbeddedEntity, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pg.query(`DELETE FROM entity_map WHERE entity = $1 AND entity_id = ANY($2::text[])`, [entity, ids]);
  }

  /** Content hash each row of `entity` (ids: only those rows) is mapped to in one space. */
  async mappedHashes(
    entity: EmbeddedEntity,
    space: Space,
    ids: readonly string[] | null = null,
  ): Promise<Map<string, string>> {
    const { rows } = await this.pg.query<{ id: string; h: string }>(
      `SELECT entity_id AS id, content_sha256 AS h FROM entity_map
       WHERE entity = $1 AND provider = $2 AND model = $3 AND dims = $4 AND ($5::text[] IS NULL OR entity_id = ANY($5))`,
      [entity, space.provider, space.model, space.dims, ids],
    );
    return new Map(rows.map((r) => [r.id, r.h]));
  }

  /** Ids of `entity` mapped in any space. */
  async mappedIds(entity: EmbeddedEntity): Promise<string[]> {
    const { rows } = await this.pg.query<{ id: string }>(
      `SELECT DISTINCT entity_id AS id FROM entity_map WHERE entity = $1`,
      [entity],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Every mapped trade's vector and filter fields in one space, for the in-memory index. Read
   * in pages with a turn of the event loop between them: printing 100k vectors as text takes
   * PGlite seconds, and one statement would hold the core's thread for all of them.
   */
  async tradeVectors(space: Space, pageSize = 2000): Promise<TradeVector[]> {
    const out: TradeVector[] = [];
    let after = '';
    for (;;) {
      const { rows } = await this.pg.query<{ id: string; a: string; s: string; o: number | string; e: string }>(
        `SELECT m.entity_id AS id, m.account_id AS a, m.symbol AS s, m.opened_at AS o, v.embedding::text AS e
         FROM entity_map m JOIN vectors v USING (provider, model, dims, content_sha256)
         WHERE m.entity = 'trades' AND m.provider = $1 AND m.model = $2 AND m.dims = $3 AND m.entity_id > $4
         ORDER BY m.entity_id LIMIT $5`,
        [space.provider, space.model, space.dims, after, pageSize],
      );
      for (const r of rows)
        out.push({ id: r.id, accountId: r.a, symbol: r.s, openedAt: Number(r.o), vector: parseVector(r.e) });
      if (rows.length < pageSize) return out;
      after = rows[rows.length - 1]!.id;
      await yieldToEventLoop();
    }
  }

  /** Vectors stored in a space, and rows of an entity mapped in it. */
  async counts(space: Space, entity: EmbeddedEntity): Promise<{ vectors: number; mapped: number }> {
    const params = [space.provider, space.model, space.dims];
    const where = `provider = $1 AND model = $2 AND dims = $3`;
    const vectors = await this.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM vectors WHERE ${where}`, params);
    const mapped = await this.pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entity_map WHERE ${where} AND entity = $4`,
      [...params, entity],
    );
    return { vectors: vectors.rows[0]?.n ?? 0, mapped: mapped.rows[0]?.n ?? 0 };
  }

  /** Refresh the planner's statistics after bulk writes (a fresh cache believes its tables are empty). */
  async analyze(): Promise<void> {
    await this.pg.exec(`ANALYZE vectors; ANALYZE entity_map;`);
  }

  /** Empty both tables (a rebuild starts from nothing). */
  async clear(): Promise<void> {
    await this.pg.exec(`TRUNCATE vectors; TRUNCATE entity_map;`);
  }

  /**
   * For the sync engine: the cached vectors of `entity`'s rows, ordered by row id (then
   * space), `limit` rows at a time starting after `afterId`. A row's spaces share a page.
   */
  async listVectors(
    entity: EmbeddedEntity,
    { afterId, limit }: { afterId?: string; limit: number },
  ): Promise<SyncVector[]> {
    const { rows } = await this.pg.query<{ id: string; e: string; h: string; p: string; m: string; d: number }>(
      `WITH page AS (SELECT DISTINCT entity_id FROM entity_map WHERE entity = $1 AND ($2::text IS NULL OR entity_id > $2)
                     ORDER BY entity_id LIMIT $3)
       SELECT m.entity_id AS id, v.embedding::text AS e, m.content_sha256 AS h, m.provider AS p, m.model AS m, m.dims AS d
       FROM entity_map m JOIN page USING (entity_id) JOIN vectors v USING (provider, model, dims, content_sha256)
       WHERE m.entity = $1 ORDER BY m.entity_id, m.provider, m.model, m.dims`,
      [entity, afterId ?? null, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      vector: JSON.parse(r.e) as number[],
      contentHash: r.h,
      provider: r.p,
      model: r.m,
      dims: r.d,
    }));
  }

  /**
   * For the sync engine: accept vectors pulled from the cloud. They are stored by content
   * hash only; the next embedding pass maps a row to one when the row's own content hashes
   * the same, so a new device skips re-embedding without trusting a stale mapping. `entity`
   * names where they came from; vectors are keyed by content, so it does not change where they go.
   */
  async putVectors(_entity: EmbeddedEntity, rows: readonly SyncVector[]): Promise<number> {
    const bySpace = new Map<string, { space: Space; vectors: Map<string, number[]> }>();
    for (const r of rows) {
      if (r.vector.length !== r.dims || !/^[0-9a-f]{64}$/.test(r.contentHash)) continue;
      const key = `${r.provider}\u0000${r.model}\u0000${r.dims}`;
      const group = bySpace.get(key) ?? {
        space: { provider: r.provider, model: r.model, dims: r.dims },
        vectors: new Map(),
      };
      group.vectors.set(r.contentHash, r.vector);
      bySpace.set(key, group);
    }
    let accepted = 0;
    for (const { space, vectors } of bySpace.values()) {
      await this.storeVectors(space, vectors);
      accepted += vectors.size;
    }
    return accepted;
  }
}
