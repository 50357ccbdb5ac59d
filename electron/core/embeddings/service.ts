import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { EmbeddingsStatus, SimilarTrades } from '../../../shared/contract/embeddings';
import { CoreError } from '../../../shared/contract/errors';
import type { Logger } from '../log/logger';
import { tradeColumns, toTrade, type TradeRow } from '../journal/trade-rows';
import { EmbeddingCache, type Space } from './cache';
import { embeddedEntities, readTargets, type EmbeddedEntity, type EmbedTarget } from './content';
import { localEmbedder, type Embedder } from './embedders';
import { embedLocal } from './local-embedder';
import { TradeVectorIndex, type SimilarFilter } from './vector-index';

export type EmbeddingServiceDeps = {
  db: Database;
  /** `<dataDir>/embeddings`. */
  dir: string;
  logger: Logger;
  timeZone: () => string;
  /** Gemini when it is configured (key set, not local-only), else null. */
  remote: () => Promise<Embedder | null>;
  /** Called once, when the cache is first opened in this session. */
  onFirstOpen?: () => void;
};

export type SimilarOptions = Omit<SimilarFilter, 'excludeId'> & { k: number };
export type Progress = (done: number, total: number) => void;

const spaceKey = (s: Space) => `${s.provider}/${s.model}/${s.dims}`;

/**
 * Embeddings of one open journal: the lazily opened cache, embedding passes over changed
 * rows, the in-memory index of trade vectors, similar trades, status and rebuild.
 */
export class EmbeddingService {
  private opening: Promise<EmbeddingCache> | null = null;
  private index: { key: string; index: Promise<TradeVectorIndex> } | null = null;
  private closed = false;

  constructor(private readonly deps: EmbeddingServiceDeps) {}

  static dirOf(dataDir: string): string {
    return join(dataDir, 'embeddings');
  }

  /** The cache, opened on first use (PGlite is imported then, never at start-up). */
  cache(): Promise<EmbeddingCache> {
    if (this.closed) return Promise.reject(new CoreError('UNAVAILABLE', 'The journal is closing.'));
    if (!this.opening) {
      this.opening = EmbeddingCache.open(this.deps.dir, this.deps.logger);
      this.deps.onFirstOpen?.();
    }
    return this.opening;
  }

  /** Whether the cache has been opened (tests check start-up leaves it closed). */
  get opened(): boolean {
    return this.opening !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    const opening = this.opening;
    this.opening = null;
    this.index = null;
    if (opening) await (await opening.catch(() => null))?.close();
  }

  /**
   * Bring rows' embeddings up to date (ids: those rows; null: every row of `entity`):
   * rows whose content changed get a vector (from the cache when that content was embedded
   * before), deleted rows lose their mapping. Local vectors are always written, so similar
   * trades work offline; Gemini's too when configured, and a Gemini failure is logged, not thrown.
   */
  async embedRows(
    entity: EmbeddedEntity,
    ids: readonly string[] | null,
    options: { signal?: AbortSignal; progress?: Progress } = {},
  ): Promise<{ embedded: number; dropped: number }> {
    const cache = await this.cache();
    const targets = readTargets(this.deps.db, entity, ids, this.deps.timeZone());
    const live = new Set(targets.map((t) => t.id));
    const candidates = ids ?? (await cache.mappedIds(entity));
    const dropped = candidates.filter((id) => !live.has(id));
    await cache.dropMappings(entity, dropped);
    if (entity === 'trades') for (const id of dropped) (await this.loadedIndex())?.remove(id);

    let embedded = 0;
    const remote = await this.deps.remote();
    for (const embedder of remote ? [localEmbedder, remote] : [localEmbedder]) {
      try {
        embedded += await this.embedInto(cache, embedder, entity, targets, ids, options);
      } catch (error) {
        if (embedder === localEmbedder || options.signal?.aborted) throw error;
        this.deps.logger.warn(
          { err: error, entity, rows: targets.length },
          'Gemini embeddings failed; the local embeddings stay in use',
        );
      }
    }
    return { embedded, dropped: dropped.length };
  }

  private async embedInto(
    cache: EmbeddingCache,
    embedder: Embedder,
    entity: EmbeddedEntity,
    targets: readonly EmbedTarget[],
    ids: readonly string[] | null,
    { signal, progress }: { signal?: AbortSignal; progress?: Progress },
  ): Promise<number> {
    const { space } = embedder;
    const mapped = await cache.mappedHashes(entity, space, ids);
    const todo = targets.filter((t) => mapped.get(t.id) !== t.sha256);
    const cached = await cache.getVectors(space, [...new Set(todo.map((t) => t.sha256))]);
    const need = [...new Map(todo.filter((t) => !cached.has(t.sha256)).map((t) => [t.sha256, t])).values()];
    const step = 500;
    for (let i = 0; i < need.length; i += step) {
      signal?.throwIfAborted();
      const part = need.slice(i, i + step);
      const vectors = await embedder.embed(part, signal ?? new AbortController().signal);
      const fresh = new Map(part.map((t, j) => [t.sha256, vectors[j]!]));
      await cache.storeVectors(space, fresh);
      for (const [h, v] of fresh) cached.set(h, v);
      progress?.(Math.min(i + step, need.length), need.length);
    }
    await cache.setMappings(
      space,
      todo.map((t) => ({ entity, id: t.id, sha256: t.sha256, filter: t.filter })),
    );
    const index = entity === 'trades' && this.index?.key === spaceKey(space) ? await this.index.index : null;
    for (const t of todo) {
      const vector = cached.get(t.sha256);
      if (index && vector && t.filter) index.upsert({ id: t.id, ...t.filter, vector });
    }
    return todo.length;
  }

  /** Every embedded entity, every row: for "embed missing" after bulk writes, and rebuild. */
  async embedAll(options: { signal?: AbortSignal; progress?: Progress } = {}): Promise<void> {
    const cache = await this.cache();
    for (const [i, entity] of embeddedEntities.entries()) {
      options.signal?.throwIfAborted();
      await this.embedRows(entity, null, {
        ...(options.signal ? { signal: options.signal } : {}),
        progress: (done, total) => options.progress?.(i + (total ? done / total : 1), embeddedEntities.length),
      });
      options.progress?.(i + 1, embeddedEntities.length);
    }
    await cache.analyze();
  }

  /** Empty the cache and embed the whole journal again. */
  async rebuild(options: { signal?: AbortSignal; progress?: Progress } = {}): Promise<void> {
    const cache = await this.cache();
    await cache.clear();
    this.index = null;
    await this.embedAll(options);
  }

  /** The trades most like `tradeId` (filters optional), best first. */
  async similar(tradeId: string, options: SimilarOptions): Promise<SimilarTrades> {
    const target = readTargets(this.deps.db, 'trades', [tradeId], this.deps.timeZone())[0];
    if (!target) throw new CoreError('NOT_FOUND', 'That trade no longer exists.');
    const remote = await this.deps.remote();
    if (remote) {
      const index = await this.indexOf(remote.space);
      const vector = index.get(tradeId);
      if (vector) return this.answer(remote.space, index, vector, tradeId, options);
    }
    // The local vector can always be made on the spot, even before any job ran.
    const index = await this.indexOf(localEmbedder.space);
    const vector = index.get(tradeId) ?? embedLocal(target.doc);
    return this.answer(localEmbedder.space, index, vector, tradeId, options);
  }

  /** The trades nearest a vector of the space `space`. */
  async similarToVector(space: Space, vector: ArrayLike<number>, options: SimilarOptions): Promise<SimilarTrades> {
    return this.answer(space, await this.indexOf(space), vector, undefined, options);
  }

  private answer(
    space: Space,
    index: TradeVectorIndex,
    vector: ArrayLike<number>,
    excludeId: string | undefined,
    { k, ...filter }: SimilarOptions,
  ): SimilarTrades {
    const hits = index.search(vector, k, { ...filter, excludeId });
    const rows = this.deps.db
      .prepare(
        `SELECT ${tradeColumns} FROM trades t WHERE t.deleted_hlc IS NULL AND t.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(hits.map((h) => h.id))) as TradeRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = hits.flatMap((h) => {
      const row = byId.get(h.id);
      return row ? [{ trade: toTrade(row), score: h.score }] : [];
    });
    return { provider: space.provider, model: space.model, items };
  }

  async status(): Promise<EmbeddingsStatus> {
    const cache = await this.cache();
    const remote = await this.deps.remote();
    const space = remote?.space ?? localEmbedder.space;
    const counts = await cache.counts(space, 'trades');
    const trades = this.deps.db
      .prepare(`SELECT count(*) FROM trades WHERE deleted_hlc IS NULL`)
      .pluck()
      .get() as number;
    return {
      ...space,
      vectorsCached: counts.vectors,
      tradesEmbedded: Math.min(counts.mapped, trades),
      trades,
      coverage: trades === 0 ? 1 : Math.min(1, counts.mapped / trades),
    };
  }

  /** The in-memory index of one space, loaded from the cache on first use and kept in sync after. */
  private indexOf(space: Space): Promise<TradeVectorIndex> {
    const key = spaceKey(space);
    if (this.index?.key === key) return this.index.index;
    const loading = this.cache().then(async (cache) => {
      const rows = await cache.tradeVectors(space);
      const index = new TradeVectorIndex(space.dims, Math.max(1024, rows.length));
      for (const row of rows) index.upsert(row);
      return index;
    });
    this.index = { key, index: loading };
    // A failed load is forgotten, so the next search tries again.
    loading.catch(() => {
      if (this.index?.index === loading) this.index = null;
    });
    return loading;
  }

  private async loadedIndex(): Promise<TradeVectorIndex | null> {
    return this.index ? this.index.index : null;
  }
}
