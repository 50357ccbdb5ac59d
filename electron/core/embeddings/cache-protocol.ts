import type { ErrorCode } from '../../../shared/contract/errors';
import type { EmbeddedEntity, TradeFilterFields } from './content';

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

/** Vectors keyed by content hash, packed in one buffer (moved between threads, not copied). */
export type PackedVectors = { keys: string[]; data: Float32Array };

/** Trade vectors with their filter fields, packed for the move to the core's thread. */
export type PackedTradeVectors = {
  ids: string[];
  accountIds: string[];
  symbols: string[];
  openedAt: Float64Array;
  data: Float32Array;
};

/**
 * What the cache worker does, one method per request. Requests run one at a time in the
 * order they were sent, so `close` runs after every request sent before it (a drain).
 */
export type CacheApi = {
  /** Open (or create) the folder; a folder that does not open is deleted and made anew. */
  open: (dir: string) => Promise<{ recreatedAfter: string | null }>;
  getVectors: (space: Space, hashes: readonly string[]) => Promise<PackedVectors>;
  storeVectors: (space: Space, vectors: PackedVectors) => Promise<void>;
  setMappings: (space: Space, mappings: readonly Mapping[]) => Promise<void>;
  dropMappings: (entity: EmbeddedEntity, ids: readonly string[]) => Promise<void>;
  mappedHashes: (entity: EmbeddedEntity, space: Space, ids: readonly string[] | null) => Promise<[string, string][]>;
  mappedIds: (entity: EmbeddedEntity) => Promise<string[]>;
  tradeVectors: (space: Space, pageSize: number) => Promise<PackedTradeVectors>;
  counts: (space: Space, entity: EmbeddedEntity) => Promise<{ vectors: number; mapped: number }>;
  analyze: () => Promise<void>;
  clear: () => Promise<void>;
  listVectors: (entity: EmbeddedEntity, page: { afterId?: string | undefined; limit: number }) => Promise<SyncVector[]>;
  putVectors: (rows: readonly SyncVector[]) => Promise<number>;
  /** Raw SQL: the sync engine's Qdrant mirror table (sync/vectors.ts) and benches. */
  query: (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;
  exec: (sql: string) => Promise<void>;
  close: () => Promise<void>;
  /** Tests: end the worker thread abruptly, as a crash would. */
  crash: () => Promise<void>;
};

export type CacheMethod = keyof CacheApi;

export type CacheRequest = {
  [M in CacheMethod]: { id: number; method: M; args: Parameters<CacheApi[M]> };
}[CacheMethod];

/** An error as it crosses the thread boundary. */
export type WireError = { code: ErrorCode; message: string; sqlState?: string };

export type CacheReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** pgvector's text form; JSON can read it back. */
export function vectorText(vector: ArrayLike<number>): string {
  return `[${Array.from(vector).join(',')}]`;
}

/** Pack vectors of `dims` dimensions into one buffer; throws on a vector of another size. */
export function packVectors(dims: number, vectors: Iterable<readonly [string, ArrayLike<number>]>): PackedVectors {
  const entries = [...vectors];
  const data = new Float32Array(entries.length * dims);
  entries.forEach(([, v], i) => {
    if (v.length !== dims) throw new Error(`a vector has ${v.length} dimensions, expected ${dims}`);
    data.set(v, i * dims);
  });
  return { keys: entries.map(([k]) => k), data };
}

/** The buffers of a reply's typed arrays (top-level fields), to transfer instead of copy. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  if (typeof value !== 'object' || value === null) return [];
  const out: ArrayBuffer[] = [];
  for (const field of Object.values(value))
    if (ArrayBuffer.isView(field) && field.buffer instanceof ArrayBuffer) out.push(field.buffer);
  return out;
}
