import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startQdrantDouble, type QdrantDouble } from './qdrant-double';
import { qdrantOpenApiFile, qdrantSchemaPresent } from './qdrant-schema';

const A = '0190b6c4-9c2e-7abc-8def-00000000000a';
const B = '0190b6c4-9c2e-7abc-8def-00000000000b';
const C = '0190b6c4-9c2e-7abc-8def-00000000000c';

type Answer = { status: number; body: { result?: unknown; status?: unknown; time?: unknown } };

async function call(double: QdrantDouble, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(double.url + path, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

async function seed(double: QdrantDouble): Promise<void> {
  await call(double, 'PUT', '/collections/trades', { vectors: { size: 3, distance: 'Cosine' } });
  const points = [
    { id: A, vector: [1, 0, 0], payload: { ws: 'w1', symbol: 'AAPL', opened_at: 100 } },
    { id: B, vector: [0.7, 0.7, 0], payload: { ws: 'w1', symbol: 'MSFT', opened_at: 200 } },
    { id: C, vector: [0, 0, 2], payload: { ws: 'w2', symbol: ['AAPL', 'TSLA'], opened_at: 300 } },
  ];
  expect((await call(double, 'PUT', '/collections/trades/points?wait=true', { points })).status).toBe(200);
}

const ids = (a: Answer) => ((a.body.result as { points: Array<{ id: string }> }).points ?? []).map((p) => p.id);

describe('the Qdrant double', () => {
  let double: QdrantDouble;
  beforeEach(async () => {
    double ??= await startQdrantDouble({ checkResponses: true });
    double.reset();
  });
  afterAll(async () => {
    expect(double.responseFailures).toEqual([]);
    await double.close();
  });

  it('answers in Qdrant envelopes, and 404 in its error shape for an unknown collection or endpoint', async () => {
    const root = await call(double, 'GET', '/');
    expect(root.body).toEqual({ title: 'qdrant - vector search engine', version: '1.19.0' });
    const list = await call(double, 'GET', '/collections');
    expect(list.body).toMatchObject({ status: 'ok', result: { collections: [] } });
    expect(typeof list.body.time).toBe('number');
    const missing = await call(double, 'GET', '/collections/nope');
    expect(missing).toMatchObject({
      status: 404,
      body: { status: { error: "Not found: Collection `nope` doesn't exist!" } },
    });
    expect((await call(double, 'POST', '/collections/nope/points/search', { vector: [1] })).status).toBe(404);
  });

  it('keeps collections with their vector size and reports them', async () => {
    await seed(double);
    expect((await call(double, 'GET', '/collections/trades/exists')).body.result).toEqual({ exists: true });
    const info = await call(double, 'GET', '/collections/trades');
    expect(info.body.result).toMatchObject({
      points_count: 3,
      config: { params: { vectors: { size: 3, distance: 'Cosine' } } },
    });
    expect((await call(double, 'GET', '/collections')).body.result).toEqual({ collections: [{ name: 'trades' }] });
    expect((await call(double, 'DELETE', '/collections/trades')).body.result).toBe(true);
    expect((await call(double, 'GET', '/collections/trades/exists')).body.result).toEqual({ exists: false });
  });

  it('ranks by exact cosine similarity and applies limit, offset and score_threshold', async () => {
    await seed(double);
    const all = await call(double, 'POST', '/collections/trades/points/query', { query: [1, 0.1, 0], limit: 10 });
    expect(ids(all)).toEqual([A, B, C]);
    const scores = (all.body.result as { points: Array<{ score: number }> }).points.map((p) => p.score);
    expect(scores[0]).toBeCloseTo(1 / Math.hypot(1, 0.1), 5);
    const page = await call(double, 'POST', '/collections/trades/points/query', {
      query: { nearest: [1, 0.1, 0] },
      limit: 1,
      offset: 1,
    });
    expect(ids(page)).toEqual([B]);
    const near = await call(double, 'POST', '/collections/trades/points/query', {
      query: [1, 0, 0],
      score_threshold: 0.5,
    });
    expect(ids(near)).toEqual([A, B]);
  });

  it('filters with must, must_not, should, match value/any, range and has_id', async () => {
    await seed(double);
    const q = (filter: unknown) =>
      call(double, 'POST', '/collections/trades/points/query', { query: [1, 0, 0], filter });
    expect(ids(await q({ must: [{ key: 'ws', match: { value: 'w1' } }] }))).toEqual([A, B]);
    expect(ids(await q({ must: [{ key: 'symbol', match: { value: 'TSLA' } }] }))).toEqual([C]);
    expect(ids(await q({ must_not: [{ key: 'symbol', match: { any: ['AAPL'] } }] }))).toEqual([B]);
    expect(ids(await q({ should: [{ key: 'opened_at', range: { gte: 250 } }, { has_id: [A] }] }))).toEqual([A, C]);
    expect(ids(await q({ must: [{ key: 'opened_at', range: { gt: 100, lt: 300 } }] }))).toEqual([B]);
  });

  it('upserts replace by id, answer the dimension error Qdrant gives, and honour update_filter', async () => {
    await seed(double);
    const put = (body: unknown) => call(double, 'PUT', '/collections/trades/points?wait=true', body);
    const wrong = await put({ points: [{ id: A, vector: [1, 0], payload: {} }] });
    expect(wrong).toMatchObject({
      status: 400,
      body: { status: { error: 'Wrong input: Vector dimension error: expected dim: 3, got 2' } },
    });
    await put({ points: [{ id: A.toUpperCase(), vector: [0, 0, 1], payload: { ws: 'w1', symbol: 'NVDA' } }] });
    await put({
      points: [{ id: C, vector: [1, 0, 0], payload: { ws: 'w1' } }],
      update_filter: { must: [{ key: 'ws', match: { value: 'w1' } }] },
    });
    const got = await call(double, 'POST', '/collections/trades/points', {
      ids: [A, C],
      with_payload: true,
      with_vector: true,
    });
    expect(got.body.result).toEqual([
      { id: A, payload: { ws: 'w1', symbol: 'NVDA' }, vector: [0, 0, 1] },
      { id: C, payload: { ws: 'w2', symbol: ['AAPL', 'TSLA'], opened_at: 300 }, vector: [0, 0, 1] },
    ]);
  });

  it('scrolls in id order with next_page_offset, counts exactly, and deletes by ids or filter', async () => {
    await seed(double);
    const first = await call(double, 'POST', '/collections/trades/points/scroll', { limit: 2, with_payload: false });
    expect(first.body.result).toEqual({ points: [{ id: A }, { id: B }], next_page_offset: C });
    const rest = await call(double, 'POST', '/collections/trades/points/scroll', { limit: 2, offset: C });
    expect((rest.body.result as { next_page_offset: unknown }).next_page_offset).toBeNull();
    const count = (filter?: unknown) =>
      call(double, 'POST', '/collections/trades/points/count', { filter, exact: true });
    expect((await count({ must: [{ key: 'ws', match: { value: 'w1' } }] })).body.result).toEqual({ count: 2 });
    await call(double, 'POST', '/collections/trades/points/delete?wait=true', { points: [A] });
    await call(double, 'POST', '/collections/trades/points/delete?wait=true', {
      filter: { must: [{ key: 'ws', match: { value: 'w2' } }] },
    });
    expect((await count()).body.result).toEqual({ count: 1 });
  });

  it('records every request with its method, path and body', async () => {
    await call(double, 'POST', '/collections/x/points/count', { exact: true });
    expect(double.requests).toEqual([
      { method: 'POST', path: '/collections/x/points/count', query: '', body: { exact: true }, apiKey: null },
    ]);
  });

  it("answers 500 in Qdrant's error shape for the given number of requests, on matching paths only", async () => {
    double.faults.set({ mode: 'error500', times: 1, path: /\/exists$/ });
    expect((await call(double, 'GET', '/')).status).toBe(200);
    const failed = await call(double, 'GET', '/collections/trades/exists');
    expect(failed.status).toBe(500);
    expect(failed.body.status).toEqual({ error: 'Service internal error: injected by the Qdrant double' });
    expect((await call(double, 'GET', '/collections/trades/exists')).status).toBe(200);
  });

  it('drops the connection without answering in reset mode, until cleared', async () => {
    double.faults.set({ mode: 'reset' });
    await expect(call(double, 'GET', '/')).rejects.toThrow('fetch failed');
    await expect(call(double, 'GET', '/')).rejects.toThrow('fetch failed');
    double.faults.clear();
    expect((await call(double, 'GET', '/')).status).toBe(200);
  });

  it('answers late in slow mode (a client with a shorter timeout gives up)', async () => {
    double.faults.set({ mode: 'slow', delayMs: 5_000, times: 1 });
    await expect(fetch(`${double.url}/`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    double.faults.set({ mode: 'slow', delayMs: 10, times: 1 });
    expect((await call(double, 'GET', '/')).status).toBe(200);
  });
});

if (!qdrantSchemaPresent) {
  console.info(
    `Qdrant schema validation tests were not run: ${qdrantOpenApiFile} does not exist ` +
      "(Qdrant's OpenAPI document is kept outside the repo, in ../shared/qdrant).",
  );
}

describe.runIf(qdrantSchemaPresent)("the Qdrant double checks requests against Qdrant's OpenAPI schema", () => {
  let double: QdrantDouble;
  beforeEach(async () => {
    double ??= await startQdrantDouble({ checkResponses: true });
    double.reset();
    await call(double, 'PUT', '/collections/trades', { vectors: { size: 3, distance: 'Cosine' } });
  });
  afterAll(async () => {
    expect(double.responseFailures).toEqual([]);
    await double.close();
  });

  const rejected: Array<[string, string, string, unknown, RegExp]> = [
    ['upsert with points: "x"', 'PUT', '/collections/trades/points', { points: 'x' }, /\/points must be array/],
    [
      'query with limit: -1',
      'POST',
      '/collections/trades/points/query',
      { query: [1, 0, 0], limit: -1 },
      /\/limit must be >= 1/,
    ],
    [
      'create with vectors.size "x"',
      'PUT',
      '/collections/other',
      { vectors: { size: 'x', distance: 'Cosine' } },
      /\/vectors\/size must be integer/,
    ],
    [
      'create with an unknown distance',
      'PUT',
      '/collections/other',
      { vectors: { size: 3, distance: 'Cos' } },
      /allowed values/,
    ],
    [
      'a filter with an unknown field (Filter forbids them)',
      'POST',
      '/collections/trades/points/count',
      { filter: { must: [], mustt: [] } },
      /must NOT have additional properties/,
    ],
    [
      'a point id that is neither a UUID nor an unsigned integer',
      'PUT',
      '/collections/trades/points',
      { points: [{ id: 'trade-1', vector: [1, 0, 0] }] },
      /format "uuid"/,
    ],
    ['a negative point id', 'POST', '/collections/trades/points/delete', { points: [-1] }, /must be >= 0/],
    [
      'has_id with a repeated id',
      'POST',
      '/collections/trades/points/count',
      { filter: { must: [{ has_id: [A, A] }] } },
      /duplicate items/,
    ],
    [
      'scroll with a string limit',
      'POST',
      '/collections/trades/points/scroll',
      { limit: '10' },
      /\/limit must be integer/,
    ],
    [
      'a payload index with an unknown type',
      'PUT',
      '/collections/trades/index',
      { field_name: 'x', field_schema: 'string' },
      /field_schema/,
    ],
    [
      'a vector with a number too large for float32',
      'PUT',
      '/collections/trades/points',
      { points: [{ id: A, vector: [1e39, 0, 0] }] },
      /format "float"/,
    ],
  ];

  it.each(rejected)('rejects %s with 400 Format error', async (_what, method, path, body, reason) => {
    const answer = await call(double, method, path, body);
    expect(answer.status).toBe(400);
    const error = (answer.body.status as { error: string }).error;
    expect(error).toMatch(/^Format error in JSON body: /);
    expect(error).toMatch(reason);
    expect(double.validationFailures).toHaveLength(1);
  });

  it('rejects a query parameter of the wrong type, and a missing body', async () => {
    const wait = await call(double, 'PUT', '/collections/trades/points?wait=soon', { points: [] });
    expect((wait.body.status as { error: string }).error).toMatch(/^Query deserialize error: wait/);
    expect((await call(double, 'POST', '/collections/trades/points/query')).status).toBe(400);
  });

  it('accepts what real Qdrant accepts, and its answers match the response schemas', async () => {
    const ok = [
      await call(double, 'PUT', '/collections/trades/points?wait=true&ordering=strong', {
        points: [
          { id: A, vector: [1, 0, 0], payload: { workspace_id: 'w', opened_at: 1_700_000_000_000 } },
          { id: 42, vector: [0, 1, 0], payload: null },
        ],
      }),
      await call(double, 'PUT', '/collections/trades/index?wait=true', {
        field_name: 'workspace_id',
        field_schema: { type: 'keyword', is_tenant: true },
      }),
      await call(double, 'PUT', '/collections/trades/index', { field_name: 'opened_at', field_schema: 'integer' }),
      await call(double, 'POST', '/collections/trades/points/query', {
        query: [1, 0, 0],
        filter: {
          must: [
            { key: 'workspace_id', match: { value: 'w' } },
            { key: 'opened_at', range: { gte: 0, lt: null } },
          ],
        },
        with_payload: ['workspace_id'],
        with_vector: true,
        limit: 5,
      }),
      await call(double, 'POST', '/collections/trades/points/scroll', { limit: 1, with_vector: true }),
      await call(double, 'GET', '/collections/trades'),
      await call(double, 'GET', '/collections'),
      await call(double, 'GET', '/collections/trades/exists'),
      await call(double, 'POST', '/collections/trades/points/delete?wait=true', {
        filter: { must: [{ has_id: [A, 42] }] },
      }),
    ];
    expect(ok.map((a) => a.status)).toEqual(ok.map(() => 200));
    expect(double.validationFailures).toEqual([]);
  });
});

describe('the Qdrant double without the schema file', () => {
  it('still works, without validating, and says so', async () => {
    const double = await startQdrantDouble({ schemaFile: '/nonexistent/openapi.json' });
    try {
      expect(double.validating).toBe(false);
      await call(double, 'PUT', '/collections/trades', { vectors: { size: 2, distance: 'Cosine' } });
      const lax = await call(double, 'POST', '/collections/trades/points/count', { filter: { must: [], mustt: [] } });
      expect(lax.body.result).toEqual({ count: 0 });
      expect(double.validationFailures).toEqual([]);
    } finally {
      await double.close();
    }
  });
});
