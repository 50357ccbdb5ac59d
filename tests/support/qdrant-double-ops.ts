/**
 * The Qdrant double's endpoints: each takes the parsed request and returns the `result`
 * Qdrant would put in its envelope, or throws a QdrantFailure with Qdrant's status and text.
 */
import {
  canonicalUuid,
  filterHolds,
  idKey,
  notFound,
  present,
  QdrantFailure,
  score,
  sortedPoints,
  storedVector,
  type Collection,
  type Payload,
  type PointId,
  type StoredPoint,
} from './qdrant-double-store';

export type Collections = Map<string, Collection>;
type Body = Record<string, unknown>;
type Handler = (collections: Collections, name: string, body: Body, query: URLSearchParams) => unknown;
type Route = { method: string; pattern: RegExp; handler: Handler };

export const QDRANT_VERSION = '1.19.0';
let operationId = 0;

function collectionOf(collections: Collections, name: string): Collection {
  const collection = collections.get(name);
  if (!collection) throw notFound(name);
  return collection;
}

const updateResult = (query: URLSearchParams) => ({
  operation_id: ++operationId,
  status: query.get('wait') === 'true' ? 'completed' : 'acknowledged',
});

function collectionInfo(collection: Collection): Record<string, unknown> {
  return {
    status: 'green',
    optimizer_status: 'ok',
    indexed_vectors_count: 0,
    points_count: collection.points.size,
    segments_count: 1,
    config: {
      params: {
        vectors: { size: collection.size, distance: collection.distance },
        shard_number: 1,
        replication_factor: 1,
        write_consistency_factor: 1,
        on_disk_payload: true,
      },
      hnsw_config: { m: 16, ef_construct: 100, full_scan_threshold: 10000, max_indexing_threads: 0 },
      optimizer_config: {
        deleted_threshold: 0.2,
        vacuum_min_vector_number: 1000,
        default_segment_number: 0,
        flush_interval_sec: 5,
      },
      wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
    },
    payload_schema: Object.fromEntries(collection.payloadSchema),
  };
}

function createCollection(collections: Collections, name: string, body: Body): boolean {
  if (collections.has(name)) throw new QdrantFailure(409, `Wrong input: Collection \`${name}\` already exists!`);
  const vectors = body.vectors as { size?: unknown; distance?: unknown } | undefined;
  if (typeof vectors?.size !== 'number' || typeof vectors.distance !== 'string') {
    throw new QdrantFailure(400, 'Bad request: the Qdrant double implements one unnamed dense vector per point only');
  }
  collections.set(name, {
    size: vectors.size,
    distance: vectors.distance,
    points: new Map(),
    payloadSchema: new Map(),
  });
  return true;
}

function createIndex(collections: Collections, name: string, body: Body, query: URLSearchParams): unknown {
  const collection = collectionOf(collections, name);
  const schema = body.field_schema;
  const params = typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>) : undefined;
  const type = params ? params.type : schema;
  if (typeof type !== 'string')
    throw new QdrantFailure(400, 'Bad request: field_schema is required to create an index');
  const field = String(body.field_name);
  const points = [...collection.points.values()].filter((p) => p.payload[field] !== undefined).length;
  collection.payloadSchema.set(field, params ? { data_type: type, params, points } : { data_type: type, points });
  return updateResult(query);
}

function upsertPoints(collections: Collections, name: string, body: Body, query: URLSearchParams): unknown {
  const collection = collectionOf(collections, name);
  if (!Array.isArray(body.points))
    throw new QdrantFailure(400, 'Bad request: the Qdrant double implements points lists only');
  // Check every point first: Qdrant applies a batch wholly or not at all.
  const incoming = (body.points as Array<{ id: PointId; vector: unknown; payload?: Payload | null }>).map((p) => ({
    id: typeof p.id === 'string' ? canonicalUuid(p.id) : p.id,
    vector: storedVector(collection, p.vector),
    payload: p.payload ?? {},
  }));
  for (const point of incoming) {
    const key = idKey(point.id);
    const existing = collection.points.get(key);
    if (existing && body.update_filter != null && !filterHolds(existing, body.update_filter)) continue;
    collection.points.set(key, { ...point, version: (existing?.version ?? 0) + 1 });
  }
  return updateResult(query);
}

function deletePoints(collections: Collections, name: string, body: Body, query: URLSearchParams): unknown {
  const collection = collectionOf(collections, name);
  if (Array.isArray(body.points)) {
    for (const id of body.points as PointId[]) collection.points.delete(idKey(id));
  } else {
    for (const [key, point] of collection.points) if (filterHolds(point, body.filter)) collection.points.delete(key);
  }
  return updateResult(query);
}

function queryPoints(collections: Collections, name: string, body: Body): unknown {
  const collection = collectionOf(collections, name);
  if (body.prefetch != null) throw new QdrantFailure(400, 'Bad request: the Qdrant double does not implement prefetch');
  const q = body.query;
  const nearest = q !== null && typeof q === 'object' && !Array.isArray(q) ? (q as Body).nearest : q;
  const vector = nearest == null ? null : storedVector(collection, nearest);
  const candidates = sortedPoints(collection).filter((p) => filterHolds(p, body.filter));
  const ascending = collection.distance === 'Euclid' || collection.distance === 'Manhattan';
  let scored = candidates.map((point) => ({ point, score: vector ? score(collection, point.vector, vector) : 0 }));
  if (vector) scored.sort((a, b) => (ascending ? a.score - b.score : b.score - a.score));
  const threshold = body.score_threshold;
  if (typeof threshold === 'number')
    scored = scored.filter((s) => (ascending ? s.score <= threshold : s.score >= threshold));
  const offset = typeof body.offset === 'number' ? body.offset : 0;
  const limit = typeof body.limit === 'number' ? body.limit : 10;
  return {
    points: scored.slice(offset, offset + limit).map(({ point, score: s }) => ({
      ...present(point, body.with_payload ?? false, body.with_vector ?? false),
      version: point.version,
      score: s,
    })),
  };
}

function scrollPoints(collections: Collections, name: string, body: Body): unknown {
  const collection = collectionOf(collections, name);
  if (body.order_by != null) throw new QdrantFailure(400, 'Bad request: the Qdrant double does not implement order_by');
  const limit = typeof body.limit === 'number' ? body.limit : 10;
  const from = body.offset == null ? null : idKey(body.offset as PointId);
  const page: StoredPoint[] = [];
  let next: PointId | null = null;
  for (const point of sortedPoints(collection)) {
    if ((from !== null && idKey(point.id) < from) || !filterHolds(point, body.filter)) continue;
    if (page.length === limit) {
      next = point.id;
      break;
    }
    page.push(point);
  }
  return {
    points: page.map((p) => present(p, body.with_payload ?? true, body.with_vector ?? false)),
    next_page_offset: next,
  };
}

function retrievePoints(collections: Collections, name: string, body: Body): unknown {
  const collection = collectionOf(collections, name);
  return (body.ids as PointId[])
    .map((id) => collection.points.get(idKey(id)))
    .filter((p): p is StoredPoint => p !== undefined)
    .map((p) => present(p, body.with_payload ?? true, body.with_vector ?? false));
}

function countPoints(collections: Collections, name: string, body: Body): unknown {
  const collection = collectionOf(collections, name);
  return { count: [...collection.points.values()].filter((p) => filterHolds(p, body.filter)).length };
}

const route = (method: string, suffix: string, handler: Handler): Route => ({
  method,
  pattern: new RegExp(`^/collections/([^/]+)${suffix}$`),
  handler,
});

/** Only the operations the sync adapter uses; anything else is answered 404. */
export const routes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/$/,
    handler: () => ({ title: 'qdrant - vector search engine', version: QDRANT_VERSION }),
  },
  {
    method: 'GET',
    pattern: /^\/collections$/,
    handler: (c) => ({ collections: [...c.keys()].map((name) => ({ name })) }),
  },
  route('GET', '', (c, name) => collectionInfo(collectionOf(c, name))),
  route('GET', '/exists', (c, name) => ({ exists: c.has(name) })),
  route('PUT', '', createCollection),
  route('DELETE', '', (c, name) => c.delete(name)),
  route('PUT', '/index', createIndex),
  route('PUT', '/points', upsertPoints),
  route('POST', '/points/delete', deletePoints),
  route('POST', '/points/query', queryPoints),
  route('POST', '/points/scroll', scrollPoints),
  route('POST', '/points', retrievePoints),
  route('POST', '/points/count', countPoints),
];

/** The handler for `method path` and the collection name in it, or null (→ 404). */
export function findRoute(method: string, path: string): { handler: Handler; name: string } | null {
  for (const r of routes) {
    const m = r.method === method ? r.pattern.exec(path) : null;
    if (m) return { handler: r.handler, name: decodeURIComponent(m[1] ?? '') };
  }
  return null;
}
