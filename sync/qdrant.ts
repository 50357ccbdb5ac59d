/**
 * The trader's Qdrant as a mirror of the local embedding cache: one point per embedded
 * entity (point id = entity id), every point tagged with its workspace, so a new device can
 * pull vectors instead of paying to embed the whole journal again. Everything here is
 * derived data: a collection with the wrong shape is dropped and rebuilt.
 */
import type { QdrantClient, Schemas } from '@qdrant/js-client-rest';
import { QdrantError, toQdrantError } from './qdrant-error';

export { QdrantError } from './qdrant-error';

export const qdrantCollections = ['trades', 'playbooks', 'journal_entries', 'coach_history'] as const;
export type QdrantCollection = (typeof qdrantCollections)[number];

type PayloadValue = string | number | boolean | null;
/** What every point carries besides its vector; filter fields (account_id, symbol, opened_at …) ride along. */
export type VectorPayload = {
  workspace_id: string;
  content_hash: string;
  provider: string;
  model: string;
  dims: number;
} & Record<string, PayloadValue>;
export type VectorPoint = { id: string; vector: number[]; payload: VectorPayload };
export type QueryFilter = { accountId?: string; symbol?: string; from?: number; to?: number };
export type QueryHit = { id: string; score: number; payload: Record<string, unknown> };
export type EnsureReport = { created: QdrantCollection[]; recreated: QdrantCollection[]; indexed: number };

export type QdrantStoreOptions = { url: string; apiKey?: string; workspaceId: string; timeoutMs?: number };

/** Payload indexes every collection gets: workspace_id is the tenant key, the rest are filters. */
const PAYLOAD_INDEXES: Array<[string, Schemas['PayloadFieldSchema']]> = [
  ['workspace_id', { type: 'keyword', is_tenant: true }],
  ['content_hash', 'keyword'],
  ['account_id', 'keyword'],
  ['symbol', 'keyword'],
  ['opened_at', 'integer'],
];

const UPSERT_BATCH = 256;
const DELETE_BATCH = 1024;
const SCROLL_PAGE = 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const idString = (id: string | number): string => String(id);

/** Client for one workspace's vectors in the trader's Qdrant. Every read and write is scoped to `workspaceId`. */
export class QdrantStore {
  private client: Promise<QdrantClient> | null = null;
  private readonly apiKey: string | undefined;
  private readonly url: string;
  readonly workspaceId: string;
  private readonly timeoutMs: number;

  constructor(options: QdrantStoreOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.workspaceId = options.workspaceId;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.apiKey = options.apiKey;
  }

  /**
   * The REST client (and undici beneath it) is loaded on first use: most starts of the app
   * have no Qdrant configured, and loading it cost about a third of the core's cold start.
   */
  private qdrant(): Promise<QdrantClient> {
    this.client ??= import('@qdrant/js-client-rest').then(
      ({ QdrantClient }) =>
        new QdrantClient({
          url: this.url,
          ...(this.apiKey ? { apiKey: this.apiKey } : {}),
          checkCompatibility: false,
          timeout: this.timeoutMs,
        }),
    );
    return this.client;
  }

  /** Qdrant's version and the round trip, for Settings' "Test connection". */
  async ping(): Promise<{ version: string; latencyMs: number }> {
    const started = performance.now();
    const info = await this.call('checking the connection', (client) => client.versionInfo());
    return { version: info.version, latencyMs: Math.round(performance.now() - started) };
  }

  /**
   * Creates missing collections (cosine, `dims` wide) and payload indexes. A collection of
   * another width holds vectors of another model: it is dropped and recreated, and reported.
   */
  async ensureCollections(dims: number): Promise<EnsureReport> {
    const report: EnsureReport = { created: [], recreated: [], indexed: 0 };
    for (const name of qdrantCollections) {
      const indexed = await this.ensureCollection(name, dims, report);
      for (const [field, schema] of PAYLOAD_INDEXES) {
        if (indexed.has(field)) continue;
        await this.call(`indexing ${field} in ${name}`, (client) =>
          client.createPayloadIndex(name, { field_name: field, field_schema: schema, wait: true }),
        );
        report.indexed += 1;
      }
    }
    return report;
  }

  /** The vector width of a collection, or null when it does not exist yet. */
  async width(name: QdrantCollection): Promise<number | null> {
    const { exists } = await this.call(`checking collection ${name}`, (client) => client.collectionExists(name));
    if (!exists) return null;
    const info = await this.call(`reading collection ${name}`, (client) => client.getCollection(name));
    return (info.config.params.vectors as { size?: number } | undefined)?.size ?? null;
  }

  /** Makes `name` a cosine collection of `dims`; returns the payload fields already indexed. */
  private async ensureCollection(name: QdrantCollection, dims: number, report: EnsureReport): Promise<Set<string>> {
    const { exists } = await this.call(`checking collection ${name}`, (client) => client.collectionExists(name));
    if (exists) {
      const info = await this.call(`reading collection ${name}`, (client) => client.getCollection(name));
      const vectors = info.config.params.vectors as { size?: number; distance?: string } | undefined;
      if (vectors?.size === dims && vectors.distance === 'Cosine') return new Set(Object.keys(info.payload_schema));
      await this.refuseToDropOthers(name, vectors?.size);
      await this.call(`dropping collection ${name}`, (client) => client.deleteCollection(name));
      report.recreated.push(name);
    }
    try {
      await this.call(`creating collection ${name}`, (client) =>
        client.createCollection(name, { vectors: { size: dims, distance: 'Cosine' } }),
      );
      if (!exists) report.created.push(name);
    } catch (error) {
      // 409: another device created it between our check and our create; the indexes follow.
      if (!(error instanceof QdrantError && error.status === 409)) throw error;
    }
    return new Set();
  }

  /** One Qdrant may hold several workspaces: never drop their vectors to change ours. */
  private async refuseToDropOthers(name: QdrantCollection, size: number | undefined): Promise<void> {
    const { count } = await this.call(`counting other workspaces' vectors in ${name}`, (client) =>
      client.count(name, { filter: { must_not: [this.workspaceCondition()] }, exact: true }),
    );
    if (count > 0) {
      throw new QdrantError(
        `Qdrant at ${this.url}: collection ${name} holds ${count} vectors of other workspaces at width ` +
          `${size ?? 'unknown'}, so it cannot be recreated for this embedding model; use another Qdrant or the same model`,
        false,
        null,
      );
    }
  }

  /**
   * Writes points by entity id, in batches; writing the same point twice changes nothing.
   * `update_filter` keeps a point that belongs to another workspace from being overwritten.
   */
  async upsert(collection: QdrantCollection, points: VectorPoint[]): Promise<void> {
    for (const p of points) this.checkId(p.id, `writing to ${collection}`);
    for (let i = 0; i < points.length; i += UPSERT_BATCH) {
      const batch = points.slice(i, i + UPSERT_BATCH).map((p) => ({
        id: p.id,
        vector: p.vector,
        payload: { ...p.payload, workspace_id: this.workspaceId },
      }));
      await this.call(`writing ${batch.length} vectors to ${collection}`, (client) =>
        client.upsert(collection, { wait: true, points: batch, update_filter: this.workspaceFilter() }),
      );
    }
  }

  /** Removes points by entity id, only those of this workspace. */
  async delete(collection: QdrantCollection, ids: string[]): Promise<void> {
    for (const id of ids) this.checkId(id, `deleting from ${collection}`);
    // has_id must not repeat an id (the schema says uniqueItems).
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    for (let i = 0; i < unique.length; i += DELETE_BATCH) {
      const batch = unique.slice(i, i + DELETE_BATCH);
      await this.call(`deleting ${batch.length} vectors from ${collection}`, (client) =>
        client.delete(collection, {
          wait: true,
          filter: { must: [{ has_id: batch }, this.workspaceCondition()] },
        }),
      );
    }
  }

  /** The `limit` points nearest to `vector` (cosine, best first), in this workspace and matching `filter`. */
  async query(
    collection: QdrantCollection,
    vector: number[],
    options: { limit: number; filter?: QueryFilter },
  ): Promise<QueryHit[]> {
    if (options.limit < 1) return [];
    const result = await this.call(`searching ${collection}`, (client) =>
      client.query(collection, {
        query: vector,
        filter: this.workspaceFilter(options.filter),
        limit: options.limit,
        with_payload: true,
      }),
    );
    return result.points.map((p) => ({ id: idString(p.id), score: p.score, payload: p.payload ?? {} }));
  }

  /**
   * One page of this workspace's points with their vectors, in id order; pass `next` back as
   * `offset` until it is null. Cosine collections return unit-length vectors.
   */
  async pull(
    collection: QdrantCollection,
    options: { offset?: string | null; limit?: number } = {},
  ): Promise<{ points: VectorPoint[]; next: string | null }> {
    const page = await this.call(`reading vectors from ${collection}`, (client) =>
      client.scroll(collection, {
        filter: this.workspaceFilter(),
        limit: options.limit ?? 256,
        ...(options.offset ? { offset: options.offset } : {}),
        with_payload: true,
        with_vector: true,
      }),
    );
    const points = page.points.map((p): VectorPoint => {
      if (!Array.isArray(p.vector) || p.vector.some((x) => typeof x !== 'number')) {
        throw new QdrantError(
          `Qdrant at ${this.url} returned point ${idString(p.id)} in ${collection} without a plain vector`,
          false,
          null,
        );
      }
      return { id: idString(p.id), vector: p.vector as number[], payload: p.payload as VectorPayload };
    });
    const next = page.next_page_offset;
    return { points, next: next === null || next === undefined ? null : idString(next as string | number) };
  }

  /** Exact number of this workspace's points (for `tpj verify --cloud`). */
  async count(collection: QdrantCollection): Promise<number> {
    const result = await this.call(`counting ${collection}`, (client) =>
      client.count(collection, { filter: this.workspaceFilter(), exact: true }),
    );
    return result.count;
  }

  /** Entity id → content hash of every point in this workspace, read without vectors. */
  async contentHashes(collection: QdrantCollection): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    let offset: string | number | null = null;
    do {
      const from: string | number | null = offset;
      const page: Schemas['ScrollResult'] = await this.call(`reading content hashes of ${collection}`, (client) =>
        client.scroll(collection, {
          filter: this.workspaceFilter(),
          limit: SCROLL_PAGE,
          ...(from !== null ? { offset: from } : {}),
          with_payload: ['content_hash'],
          with_vector: false,
        }),
      );
      for (const p of page.points) {
        const hash = p.payload?.content_hash;
        if (typeof hash === 'string') hashes.set(idString(p.id), hash);
      }
      offset = (page.next_page_offset as string | number | null | undefined) ?? null;
    } while (offset !== null);
    return hashes;
  }

  private workspaceCondition(): Schemas['FieldCondition'] {
    return { key: 'workspace_id', match: { value: this.workspaceId } };
  }

  private workspaceFilter(filter: QueryFilter = {}): Schemas['Filter'] {
    const must: Schemas['Condition'][] = [this.workspaceCondition()];
    if (filter.accountId !== undefined) must.push({ key: 'account_id', match: { value: filter.accountId } });
    if (filter.symbol !== undefined) must.push({ key: 'symbol', match: { value: filter.symbol } });
    if (filter.from !== undefined || filter.to !== undefined) {
      must.push({
        key: 'opened_at',
        range: {
          ...(filter.from !== undefined ? { gte: filter.from } : {}),
          ...(filter.to !== undefined ? { lt: filter.to } : {}),
        },
      });
    }
    return { must };
  }

  private checkId(id: string, doing: string): void {
    if (!UUID.test(id)) {
      throw new QdrantError(
        `Cannot send "${id}" to Qdrant at ${this.url} while ${doing}: point ids must be UUIDs`,
        false,
        null,
      );
    }
  }

  private async call<T>(doing: string, fn: (client: QdrantClient) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.qdrant());
    } catch (error) {
      throw toQdrantError(this.url, doing, error, this.timeoutMs);
    }
  }
}
