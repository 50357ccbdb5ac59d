import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { CacheApi, Mapping, PackedTradeVectors, PackedVectors, Space, SyncVector } from './cache-protocol';
import { packVectors, vectorText } from './cache-protocol';
import type { EmbeddedEntity } from './content';

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

/** Rows per statement: keeps each statement's parameters and result text small. */
const BATCH = 200;

function parseVector(text: string): number[] {
  return JSON.parse(text) as number[];
}

/**
 * Tests only: `TPJ_TEST_PGLITE_TEMPLATE` names a folder PGlite has already initialised
 * (tests/support/pglite-template.ts makes one per test run). A new cache folder starts as a
 * copy of it instead of running initdb, which takes seconds of CPU each time; the app never
 * sets the variable, so it always initialises its own folder.
 */
function seedFromTemplate(dir: string): void {
  const template = process.env['TPJ_TEST_PGLITE_TEMPLATE'];
  if (!template || existsSync(join(dir, 'PG_VERSION')) || !existsSync(join(template, 'PG_VERSION'))) return;
  cpSync(template, dir, { recursive: true });
}

/** PGlite + pgvector in one folder. Runs on the cache's worker thread only (cache-worker.ts). */
export class PgCacheStore implements Omit<CacheApi, 'open' | 'close' | 'crash'> {
  private constructor(readonly pg: PGlite) {}

  /** Open the folder; one that does not open is deleted and made anew (it is derived data). */
  static async open(dir: string): Promise<{ store: PgCacheStore; recreatedAfter: string | null }> {
    try {
      return { store: await PgCacheStore.openAt(dir), recreatedAfter: null };
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      return { store: await PgCacheStore.openAt(dir), recreatedAfter: String(error) };
    }
  }

  private static async openAt(dir: string): Promise<PgCacheStore> {
    seedFromTemplate(dir);
    mkdirSync(dir, { recursive: true });
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
    return new PgCacheStore(pg);
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }

  async getVectors(space: Space, hashes: readonly string[]): Promise<PackedVectors> {
    const found: [string, number[]][] = [];
    for (let i = 0; i < hashes.length; i += BATCH) {
      const { rows } = await this.pg.query<{ h: string; e: string }>(
        `SELECT content_sha256 AS h, embedding::text AS e FROM vectors
         WHERE provider = $1 AND model = $2 AND dims = $3 AND content_sha256 = ANY($4::text[])`,
        [space.provider, space.model, space.dims, hashes.slice(i, i + BATCH)],
      );
      for (const r of rows) found.push([r.h, parseVector(r.e)]);
    }
    const data = new Float32Array(found.length * space.dims);
    found.forEach(([, v], i) => data.set(v, i * space.dims));
    return { keys: found.map(([h]) => h), data };
  }

  async storeVectors(space: Space, { keys, data }: PackedVectors): Promise<void> {
    if (data.length !== keys.length * space.dims)
      throw new Error(`${data.length} numbers do not make ${keys.length} vectors of ${space.dims} dimensions`);
    const dims = space.dims;
    for (let i = 0; i < keys.length; i += BATCH) {
      const part = keys.slice(i, i + BATCH);
      const texts = part.map((_, j) => vectorText(data.subarray((i + j) * dims, (i + j + 1) * dims)));
      await this.pg.query(
        `INSERT INTO vectors (provider, model, dims, content_sha256, embedding)
         SELECT $1, $2, $3, h, e::vector FROM unnest($4::text[], $5::text[]) AS u(h, e)
         ON CONFLICT DO NOTHING`,
        [space.provider, space.model, space.dims, part, texts],
      );
    }
  }

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
    }
  }

  async dropMappings(entity: EmbeddedEntity, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pg.query(`DELETE FROM entity_map WHERE entity = $1 AND entity_id = ANY($2::text[])`, [entity, ids]);
  }

  async mappedHashes(entity: EmbeddedEntity, space: Space, ids: readonly string[] | null): Promise<[string, string][]> {
    const { rows } = await this.pg.query<{ id: string; h: string }>(
      `SELECT entity_id AS id, content_sha256 AS h FROM entity_map
       WHERE entity = $1 AND provider = $2 AND model = $3 AND dims = $4 AND ($5::text[] IS NULL OR entity_id = ANY($5))`,
      [entity, space.provider, space.model, space.dims, ids],
    );
    return rows.map((r) => [r.id, r.h]);
  }

  async mappedIds(entity: EmbeddedEntity): Promise<string[]> {
    const { rows } = await this.pg.query<{ id: string }>(
      `SELECT DISTINCT entity_id AS id FROM entity_map WHERE entity = $1`,
      [entity],
    );
    return rows.map((r) => r.id);
  }

  /** Every mapped trade's vector and filter fields in one space, read in pages (one statement would print them all as text). */
  async tradeVectors(space: Space, pageSize: number): Promise<PackedTradeVectors> {
    const ids: string[] = [];
    const accountIds: string[] = [];
    const symbols: string[] = [];
    const openedAt: number[] = [];
    const vectors: number[][] = [];
    let after = '';
    for (;;) {
      const { rows } = await this.pg.query<{ id: string; a: string; s: string; o: number | string; e: string }>(
        `SELECT m.entity_id AS id, m.account_id AS a, m.symbol AS s, m.opened_at AS o, v.embedding::text AS e
         FROM entity_map m JOIN vectors v USING (provider, model, dims, content_sha256)
         WHERE m.entity = 'trades' AND m.provider = $1 AND m.model = $2 AND m.dims = $3 AND m.entity_id > $4
         ORDER BY m.entity_id LIMIT $5`,
        [space.provider, space.model, space.dims, after, pageSize],
      );
      for (const r of rows) {
        ids.push(r.id);
        accountIds.push(r.a);
        symbols.push(r.s);
        openedAt.push(Number(r.o));
        vectors.push(parseVector(r.e));
      }
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1]!.id;
    }
    const data = new Float32Array(vectors.length * space.dims);
    vectors.forEach((v, i) => data.set(v, i * space.dims));
    return { ids, accountIds, symbols, openedAt: Float64Array.from(openedAt), data };
  }

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

  async analyze(): Promise<void> {
    await this.pg.exec(`ANALYZE vectors; ANALYZE entity_map;`);
  }

  async clear(): Promise<void> {
    await this.pg.exec(`TRUNCATE vectors; TRUNCATE entity_map;`);
  }

  async listVectors(
    entity: EmbeddedEntity,
    { afterId, limit }: { afterId?: string | undefined; limit: number },
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
      vector: parseVector(r.e),
      contentHash: r.h,
      provider: r.p,
      model: r.m,
      dims: r.d,
    }));
  }

  async putVectors(rows: readonly SyncVector[]): Promise<number> {
    const bySpace = new Map<string, { space: Space; vectors: Map<string, number[]> }>();
    for (const r of rows) {
      if (r.vector.length !== r.dims || !/^[0-9a-f]{64}$/.test(r.contentHash)) continue;
      const key = `${r.provider}\u0000${r.model}\u0000${r.dims}`;
      const group = bySpace.get(key) ?? {
        space: { provider: r.provider, model: r.model, dims: r.dims },
        vectors: new Map<string, number[]>(),
      };
      group.vectors.set(r.contentHash, r.vector);
      bySpace.set(key, group);
    }
    let accepted = 0;
    for (const { space, vectors } of bySpace.values()) {
      await this.storeVectors(space, packVectors(space.dims, vectors));
      accepted += vectors.size;
    }
    return accepted;
  }

  async query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
    return (await this.pg.query<Record<string, unknown>>(sql, [...params])).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }
}
