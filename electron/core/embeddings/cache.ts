import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CoreError, type ErrorCode } from '../../../shared/contract/errors';
import type { Logger } from '../log/logger';
import {
  packVectors,
  type CacheApi,
  type CacheMethod,
  type CacheReply,
  type Mapping,
  type Space,
  type SyncVector,
  type TradeVector,
} from './cache-protocol';
import type { EmbeddedEntity } from './content';

export type { Mapping, Space, SyncVector, TradeVector } from './cache-protocol';
export { vectorText } from './cache-protocol';

/** A cache call that failed: in PGlite (STORAGE, with its SQLSTATE), or because the worker stopped or the cache closed (UNAVAILABLE). */
export class EmbeddingCacheError extends CoreError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly sqlState?: string,
  ) {
    super(code, message);
    this.name = 'EmbeddingCacheError';
  }
}

/** The bundled worker's file name, beside the bundle that holds this code (out/main, out/cli). */
const BUNDLED_WORKER = './embeddings-cache-worker.js';
const BUNDLED_WORKER_UP = '../embeddings-cache-worker.js';

function spawnWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    // From source (vitest, tsx): Node 20 applies no ESM loader hooks in workers; tsx's
    // CommonJS hook loads the TypeScript entry.
    const entry = fileURLToPath(new URL('./cache-worker.ts', import.meta.url));
    const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
    return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, { eval: true });
  }
  // Beside this bundle, or one folder up should a bundler move this code into a chunks/ folder.
  const beside = new URL(BUNDLED_WORKER, import.meta.url);
  return new Worker(existsSync(fileURLToPath(beside)) ? beside : new URL(BUNDLED_WORKER_UP, import.meta.url));
}

/** The part of PGlite's API the cache passes through to its worker. */
export type CacheSql = {
  query<Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<void>;
};

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Result<M extends CacheMethod> = Awaited<ReturnType<CacheApi[M]>>;

/**
 * The embedding cache: PGlite + pgvector in `<dataDir>/embeddings/`, run on a worker thread
 * this object owns, so SQL, vector parsing and initdb never hold the core's thread. Derived
 * data only: a folder that will not open is deleted and made anew. If the worker dies, the
 * calls waiting on it fail (UNAVAILABLE) and the next call starts a new one.
 */
export class EmbeddingCache {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing: Promise<void> | null = null;

  /**
   * Raw SQL, run in the worker: for the sync engine's Qdrant mirror table (sync/vectors.ts)
   * and benches. PGlite's `query`/`exec` shapes, so code written against PGlite keeps working.
   */
  readonly pg: CacheSql = {
    query: async <Row>(sql: string, params: readonly unknown[] = []) => ({
      rows: (await this.call('query', [sql, params])) as Row[],
    }),
    exec: (sql: string) => this.call('exec', [sql]),
  };

  private constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  static async open(dir: string, logger: Logger): Promise<EmbeddingCache> {
    const cache = new EmbeddingCache(dir, logger);
    await cache.start();
    return cache;
  }

  /** A worker with the folder open: the running one, or a new one. */
  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = spawnWorker();
    worker.unref();
    worker.on('message', (reply: CacheReply) => this.settle(reply));
    worker.on('error', (error) => this.lost(worker, `it failed: ${error.message}`));
    worker.on('exit', (code) => this.lost(worker, `it exited with code ${code}`));
    this.worker = worker;
    const ready = this.post(worker, 'open', [this.dir]).then(({ recreatedAfter }) => {
      if (recreatedAfter)
        this.logger.warn(
          { err: recreatedAfter, dir: this.dir },
          'the embedding cache did not open; deleting it to rebuild from the journal',
        );
    });
    this.ready = ready;
    // A worker that could not open the folder is dropped, so the next call tries again.
    ready.catch(() => {
      if (this.ready === ready) this.stop(worker);
    });
    return ready;
  }

  private post<M extends CacheMethod>(
    worker: Worker,
    method: M,
    args: Parameters<CacheApi[M]>,
    transfer: ArrayBuffer[] = [],
  ): Promise<Result<M>> {
    const id = this.nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as Result<M>), reject });
      worker.ref();
      worker.postMessage({ id, method, args }, transfer);
    });
  }

  private async call<M extends CacheMethod>(
    method: M,
    args: Parameters<CacheApi[M]>,
    transfer: ArrayBuffer[] = [],
  ): Promise<Result<M>> {
    if (this.closing) throw new EmbeddingCacheError('UNAVAILABLE', 'The embedding cache is closed.');
    await this.start();
    const worker = this.worker;
    if (!worker) throw new EmbeddingCacheError('UNAVAILABLE', 'The embedding cache stopped; try again.');
    return this.post(worker, method, args, transfer);
  }

  private settle(reply: CacheReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new EmbeddingCacheError(reply.error.code, reply.error.message, reply.error.sqlState));
  }

  /** The worker ended without being asked to: fail what waited on it; the next call starts anew. */
  private lost(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.stop(worker);
    if (!this.closing) this.logger.warn({ dir: this.dir }, `the embedding cache's worker stopped: ${why}`);
    const error = new EmbeddingCacheError(
      'UNAVAILABLE',
      `The embedding cache stopped (${why}); the next call starts it again.`,
    );
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(error);
  }

  private stop(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = null;
      this.ready = null;
    }
    void worker.terminate();
  }

  /** Let every call sent so far finish, close PGlite, end the worker. Later calls fail. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const ready = this.ready;
      const worker = this.worker;
      if (!ready || !worker) return;
      try {
        await ready;
        await this.post(worker, 'close', []);
      } catch (error) {
        this.logger.warn({ err: error, dir: this.dir }, 'the embedding cache did not close cleanly');
      } finally {
        this.worker = null;
        this.ready = null;
        await worker.terminate();
      }
    })();
    return this.closing;
  }

  /** Cached vectors of these content hashes in one space. */
  async getVectors(space: Space, hashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const { keys, data } = await this.call('getVectors', [space, hashes]);
    return new Map(keys.map((h, i) => [h, data.subarray(i * space.dims, (i + 1) * space.dims)]));
  }

  /** Store vectors by content hash; a hash already cached keeps its vector (same content, same vector). */
  async storeVectors(space: Space, vectors: ReadonlyMap<string, ArrayLike<number>>): Promise<void> {
    const packed = packVectors(space.dims, vectors);
    await this.call('storeVectors', [space, packed], [packed.data.buffer as ArrayBuffer]);
  }

  /** Point rows at the content they now embed in one space. */
  async setMappings(space: Space, mappings: readonly Mapping[]): Promise<void> {
    await this.call('setMappings', [space, mappings]);
  }

  /** Forget rows (deleted from the journal) in every space. */
  async dropMappings(entity: EmbeddedEntity, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.call('dropMappings', [entity, ids]);
  }

  /** Content hash each row of `entity` (ids: only those rows) is mapped to in one space. */
  async mappedHashes(
    entity: EmbeddedEntity,
    space: Space,
    ids: readonly string[] | null = null,
  ): Promise<Map<string, string>> {
    return new Map(await this.call('mappedHashes', [entity, space, ids]));
  }

  /** Ids of `entity` mapped in any space. */
  mappedIds(entity: EmbeddedEntity): Promise<string[]> {
    return this.call('mappedIds', [entity]);
  }

  /** Every mapped trade's vector and filter fields in one space, for the in-memory index. */
  async tradeVectors(space: Space, pageSize = 2000): Promise<TradeVector[]> {
    const { ids, accountIds, symbols, openedAt, data } = await this.call('tradeVectors', [space, pageSize]);
    return ids.map((id, i) => ({
      id,
      accountId: accountIds[i]!,
      symbol: symbols[i]!,
      openedAt: openedAt[i]!,
      vector: data.subarray(i * space.dims, (i + 1) * space.dims),
    }));
  }

  /** Vectors stored in a space, and rows of an entity mapped in it. */
  counts(space: Space, entity: EmbeddedEntity): Promise<{ vectors: number; mapped: number }> {
    return this.call('counts', [space, entity]);
  }

  /** Refresh the planner's statistics after bulk writes (a fresh cache believes its tables are empty). */
  analyze(): Promise<void> {
    return this.call('analyze', []);
  }

  /** Empty both tables (a rebuild starts from nothing). */
  clear(): Promise<void> {
    return this.call('clear', []);
  }

  /**
   * For the sync engine: the cached vectors of `entity`'s rows, ordered by row id (then
   * space), `limit` rows at a time starting after `afterId`. A row's spaces share a page.
   */
  listVectors(entity: EmbeddedEntity, page: { afterId?: string; limit: number }): Promise<SyncVector[]> {
    return this.call('listVectors', [entity, page]);
  }

  /**
   * For the sync engine: accept vectors pulled from the cloud. They are stored by content
   * hash only; the next embedding pass maps a row to one when the row's own content hashes
   * the same, so a new device skips re-embedding without trusting a stale mapping. `entity`
   * names where they came from; vectors are keyed by content, so it does not change where they go.
   */
  putVectors(_entity: EmbeddedEntity, rows: readonly SyncVector[]): Promise<number> {
    return this.call('putVectors', [rows]);
  }

  /** Tests: make the worker exit abruptly, as a crash would. */
  crashForTesting(): Promise<void> {
    return this.call('crash', []);
  }
}
