/**
 * The in-memory collections behind the Qdrant double: points, payload filters, exact cosine
 * search and id-ordered scrolling, answering in Qdrant's result shapes. Requests reach it
 * already schema-checked; what it rejects here is what Qdrant rejects past the schema.
 */

export type PointId = string | number;
export type Payload = Record<string, unknown>;
export type StoredPoint = { id: PointId; vector: number[]; payload: Payload; version: number };
export type IndexInfo = { data_type: string; params?: Record<string, unknown>; points: number };
export type Collection = {
  size: number;
  distance: string;
  points: Map<string, StoredPoint>;
  payloadSchema: Map<string, IndexInfo>;
};

/** A failure Qdrant reports with this status and error text. */
export class QdrantFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (name: string) => new QdrantFailure(404, `Not found: Collection \`${name}\` doesn't exist!`);
const unsupported = (what: string) =>
  new QdrantFailure(400, `Bad request: the Qdrant double does not implement ${what}`);

/** Qdrant keys UUIDs by value: any spelling of the same UUID is the same point. */
export function idKey(id: PointId): string {
  if (typeof id === 'number') return `n:${String(id).padStart(20, '0')}`;
  return `u:${canonicalUuid(id)}`;
}

export function canonicalUuid(id: string): string {
  const hex = id
    .replace(/^urn:uuid:/i, '')
    .replace(/[{}-]/g, '')
    .toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const asList = (v: unknown): unknown[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

function valueAt(payload: Payload, key: string): unknown[] {
  let current: unknown[] = [payload];
  for (const part of key.split('.')) {
    current = current.flatMap((v) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? asList((v as Payload)[part]) : [],
    );
  }
  return current.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]));
}

function matches(values: unknown[], match: Record<string, unknown>): boolean {
  if ('value' in match) return values.some((v) => v === match.value);
  if ('any' in match) return values.some((v) => (match.any as unknown[]).includes(v));
  if ('except' in match) return !values.some((v) => (match.except as unknown[]).includes(v));
  throw unsupported(`match ${Object.keys(match).join(', ')}`);
}

function inRange(values: unknown[], range: Record<string, unknown>): boolean {
  const bounds = Object.values(range).filter((b) => b != null);
  if (bounds.some((b) => typeof b !== 'number')) throw unsupported('datetime ranges');
  const num = (k: string) => (typeof range[k] === 'number' ? range[k] : undefined);
  const [lt, gt, lte, gte] = [num('lt'), num('gt'), num('lte'), num('gte')];
  return values.some(
    (v) =>
      typeof v === 'number' &&
      (lt === undefined || v < lt) &&
      (gt === undefined || v > gt) &&
      (lte === undefined || v <= lte) &&
      (gte === undefined || v >= gte),
  );
}

function conditionHolds(point: StoredPoint, condition: Record<string, unknown>): boolean {
  if ('has_id' in condition) {
    const wanted = new Set((condition.has_id as PointId[]).map(idKey));
    return wanted.has(idKey(point.id));
  }
  if ('must' in condition || 'should' in condition || 'must_not' in condition) return filterHolds(point, condition);
  if (typeof condition.key === 'string') {
    const values = valueAt(point.payload, condition.key);
    if (condition.match != null) return matches(values, condition.match as Record<string, unknown>);
    if (condition.range != null) return inRange(values, condition.range as Record<string, unknown>);
    throw unsupported(`field conditions other than match and range on ${condition.key}`);
  }
  throw unsupported(`the condition ${JSON.stringify(condition)}`);
}

/** Qdrant's filter semantics: every `must`, at least one `should` (when given), no `must_not`. */
export function filterHolds(point: StoredPoint, filter: unknown): boolean {
  if (filter == null) return true;
  const f = filter as Record<string, unknown>;
  if (f.min_should != null) throw unsupported('min_should');
  const holds = (c: unknown) => conditionHolds(point, c as Record<string, unknown>);
  const should = asList(f.should);
  return asList(f.must).every(holds) && (should.length === 0 || should.some(holds)) && !asList(f.must_not).some(holds);
}

/** Cosine collections store unit vectors in float32, so a read returns the normalised vector. */
export function storedVector(collection: Collection, vector: unknown): number[] {
  if (!Array.isArray(vector) || vector.some((x) => typeof x !== 'number')) {
    throw unsupported('named, multi or sparse vectors');
  }
  const v = vector as number[];
  if (v.length !== collection.size) {
    throw new QdrantFailure(
      400,
      `Wrong input: Vector dimension error: expected dim: ${collection.size}, got ${v.length}`,
    );
  }
  if (collection.distance !== 'Cosine') return v.map(Math.fround);
  const norm = Math.hypot(...v);
  return v.map((x) => Math.fround(norm === 0 ? x : x / norm));
}

export function score(collection: Collection, stored: number[], query: number[]): number {
  const dot = stored.reduce((sum, x, i) => sum + x * (query[i] ?? 0), 0);
  switch (collection.distance) {
    case 'Cosine':
    case 'Dot':
      return Math.fround(dot);
    case 'Euclid':
      return Math.fround(Math.hypot(...stored.map((x, i) => x - (query[i] ?? 0))));
    default:
      return Math.fround(stored.reduce((sum, x, i) => sum + Math.abs(x - (query[i] ?? 0)), 0));
  }
}

/** `with_payload` / `with_vector` as Qdrant applies them to one point. */
export function present(point: StoredPoint, withPayload: unknown, withVector: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { id: point.id };
  if (withPayload === true) out.payload = point.payload;
  else if (Array.isArray(withPayload)) {
    out.payload = Object.fromEntries(
      Object.entries(point.payload).filter(([k]) => (withPayload as string[]).includes(k)),
    );
  } else if (withPayload != null && withPayload !== false) throw unsupported('payload selectors');
  if (withVector === true) out.vector = point.vector;
  else if (withVector != null && withVector !== false) throw unsupported('named vector selection');
  return out;
}

/** Points in Qdrant's id order: integers first, then UUIDs by value. */
export function sortedPoints(collection: Collection): StoredPoint[] {
  return [...collection.points.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}
