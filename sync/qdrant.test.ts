import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startQdrantDouble, type QdrantDouble } from '../tests/support/qdrant-double';
import { QdrantError, QdrantStore, qdrantCollections, type VectorPoint } from './qdrant';

const DIMS = 4;

/** A unit vector pointing mostly along axis `axis`, so nearness is easy to predict. */
function unit(axis: number, tilt = 0): number[] {
  const v = Array.from({ length: DIMS }, (_, i) => (i === axis ? 1 : i === (axis + 1) % DIMS ? tilt : 0));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function point(vector: number[], extra: Record<string, string | number> = {}): VectorPoint {
  return {
    id: randomUUID(),
    vector,
    payload: {
      workspace_id: 'ignored',
      content_hash: `h-${randomUUID()}`,
      provider: 'gemini',
      model: 'gemini-embedding-001',
      dims: DIMS,
      ...extra,
    },
  };
}

let double: QdrantDouble;
const stores: Record<'one' | 'two', QdrantStore> = {} as Record<'one' | 'two', QdrantStore>;

beforeAll(async () => {
  double = await startQdrantDouble({ checkResponses: true });
  if (!double.validating) {
    console.info(
      "QdrantStore's requests were not checked against Qdrant's OpenAPI schema: ../shared/qdrant is absent.",
    );
  }
});
afterAll(async () => {
  await double.close();
});
beforeEach(async () => {
  double.reset();
  stores.one = new QdrantStore({ url: double.url, workspaceId: 'ws-one' });
  stores.two = new QdrantStore({ url: double.url, workspaceId: 'ws-two' });
  await stores.one.ensureCollections(DIMS);
  double.requests.length = 0;
});
afterEach(() => {
  // Every request the adapter sent must be one real Qdrant accepts (when the schema is there).
  expect(double.validationFailures).toEqual([]);
  expect(double.responseFailures).toEqual([]);
});

const sent = () =>
  double.requests.map((r) => `${r.method} ${r.path.replace(/^\/collections\/[^/]+/, '/collections/{name}')}`);

describe('QdrantStore against the Qdrant double', () => {
  it('reports the server version for "Test connection"', async () => {
    expect((await stores.one.ping()).version).toBe('1.19.0');
    expect(sent()).toEqual(['GET /']);
  });

  it('creates the four collections with their indexes once; a second run only reads', async () => {
    double.reset();
    const first = await stores.one.ensureCollections(DIMS);
    expect(first).toEqual({ created: [...qdrantCollections], recreated: [], indexed: 20 });
    expect(sent().filter((r) => r.startsWith('PUT'))).toHaveLength(4 + 20);
    expect(double.requests.find((r) => r.path === '/collections/trades' && r.method === 'PUT')?.body).toEqual({
      vectors: { size: DIMS, distance: 'Cosine' },
    });
    double.requests.length = 0;
    const second = await stores.two.ensureCollections(DIMS);
    expect(second).toEqual({ created: [], recreated: [], indexed: 0 });
    expect(new Set(sent())).toEqual(new Set(['GET /collections/{name}/exists', 'GET /collections/{name}']));
  });

  it('recreates collections whose vectors have another width, and says so', async () => {
    await stores.one.upsert('trades', [point(unit(0))]);
    const report = await stores.one.ensureCollections(DIMS * 2);
    expect(report.recreated).toEqual([...qdrantCollections]);
    expect(sent()).toContain('DELETE /collections/{name}');
    expect(await stores.one.count('trades')).toBe(0);
    await stores.one.upsert('trades', [point(Array.from({ length: DIMS * 2 }, () => 1))]);
    expect(await stores.one.count('trades')).toBe(1);
  });

  it("refuses to recreate a collection that holds other workspaces' vectors", async () => {
    await stores.two.upsert('trades', [point(unit(0))]);
    const error = await stores.one.ensureCollections(DIMS * 2).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QdrantError);
    expect(error).toMatchObject({ retryable: false });
    expect((error as Error).message).toMatch(/collection trades holds 1 vectors of other workspaces at width 4/);
    expect(sent()).not.toContain('DELETE /collections/{name}');
    expect(await stores.two.count('trades')).toBe(1);
  });

  it('two devices setting up the same Qdrant at once both succeed', async () => {
    double.reset();
    const [a, b] = await Promise.all([stores.one.ensureCollections(DIMS), stores.two.ensureCollections(DIMS)]);
    expect([...a.created, ...b.created].sort()).toEqual([...qdrantCollections].sort());
    const infos = await Promise.all(
      qdrantCollections.map(async (name) => (await fetch(`${double.url}/collections/${name}`)).json()),
    );
    for (const info of infos) {
      expect(Object.keys((info as { result: { payload_schema: object } }).result.payload_schema).sort()).toEqual([
        'account_id',
        'content_hash',
        'opened_at',
        'symbol',
        'workspace_id',
      ]);
    }
  });

  it('uses exactly these Qdrant endpoints for each operation (query, never the removed search)', async () => {
    const p = point(unit(0));
    const steps: Array<[string, () => Promise<unknown>, string[]]> = [
      ['ping', () => stores.one.ping(), ['GET /']],
      ['upsert', () => stores.one.upsert('trades', [p]), ['PUT /collections/{name}/points']],
      ['query', () => stores.one.query('trades', unit(0), { limit: 1 }), ['POST /collections/{name}/points/query']],
      ['pull', () => stores.one.pull('trades'), ['POST /collections/{name}/points/scroll']],
      ['count', () => stores.one.count('trades'), ['POST /collections/{name}/points/count']],
      ['contentHashes', () => stores.one.contentHashes('trades'), ['POST /collections/{name}/points/scroll']],
      ['delete', () => stores.one.delete('trades', [p.id]), ['POST /collections/{name}/points/delete']],
    ];
    for (const [, run, expected] of steps) {
      double.requests.length = 0;
      await run();
      expect(sent()).toEqual(expected);
    }
  });

  it('returns the nearest points first, and each workspace sees only its own', async () => {
    const near = point(unit(0, 0.1));
    const far = point(unit(2));
    const nearer = point(unit(0));
    await stores.one.upsert('journal_entries', [near, far, nearer]);
    await stores.two.upsert('journal_entries', [point(unit(0)), point(unit(0))]);
    const hits = await stores.one.query('journal_entries', unit(0), { limit: 10 });
    expect(hits.map((h) => h.id)).toEqual([nearer.id, near.id, far.id]);
    expect(hits[0]?.score).toBeCloseTo(1, 5);
    expect(hits.every((h) => h.payload.workspace_id === 'ws-one')).toBe(true);
    expect(await stores.two.query('journal_entries', unit(0), { limit: 10 })).toHaveLength(2);
    expect(sent()).toContain('POST /collections/{name}/points/query');
    expect(sent().some((r) => r.endsWith('/points/search'))).toBe(false);
  });

  it('never overwrites or deletes a point of another workspace that has the same id', async () => {
    const mine = point(unit(0));
    await stores.one.upsert('trades', [mine]);
    await stores.two.upsert('trades', [{ ...mine, vector: unit(1) }]);
    await stores.two.delete('trades', [mine.id]);
    const [hit] = await stores.one.query('trades', unit(0), { limit: 1 });
    expect(hit).toMatchObject({ id: mine.id, payload: { workspace_id: 'ws-one' } });
    expect(hit?.score).toBeCloseTo(1, 5);
  });

  it('filters by account, symbol and opening time (from inclusive, to exclusive)', async () => {
    const a = point(unit(0), { account_id: 'acc-1', symbol: 'AAPL', opened_at: 1_000 });
    const b = point(unit(0), { account_id: 'acc-1', symbol: 'MSFT', opened_at: 2_000 });
    const c = point(unit(0), { account_id: 'acc-2', symbol: 'AAPL', opened_at: 3_000 });
    await stores.one.upsert('trades', [a, b, c]);
    const ids = async (filter: Parameters<QdrantStore['query']>[2]['filter']) =>
      (await stores.one.query('trades', unit(0), { limit: 10, ...(filter ? { filter } : {}) })).map((h) => h.id).sort();
    expect(await ids({ accountId: 'acc-1' })).toEqual([a.id, b.id].sort());
    expect(await ids({ symbol: 'AAPL' })).toEqual([a.id, c.id].sort());
    expect(await ids({ accountId: 'acc-1', symbol: 'AAPL' })).toEqual([a.id]);
    expect(await ids({ from: 2_000, to: 3_000 })).toEqual([b.id]);
    expect(await ids({ from: 2_000 })).toEqual([b.id, c.id].sort());
  });

  it('upserts in batches and writing the same points again changes nothing', async () => {
    const points = Array.from({ length: 300 }, (_, i) => point(unit(i % DIMS, i / 300)));
    await stores.one.upsert('coach_history', points);
    expect(sent().filter((r) => r === 'PUT /collections/{name}/points')).toHaveLength(2);
    expect(double.requests[0]?.query).toContain('wait=true');
    await stores.one.upsert('coach_history', points);
    expect(await stores.one.count('coach_history')).toBe(300);
  });

  it('deletes points by id', async () => {
    const keep = point(unit(0));
    const gone = point(unit(1));
    await stores.one.upsert('playbooks', [keep, gone]);
    await stores.one.delete('playbooks', [gone.id, gone.id]);
    expect((await stores.one.query('playbooks', unit(1), { limit: 5 })).map((h) => h.id)).toEqual([keep.id]);
    expect(sent()).toContain('POST /collections/{name}/points/delete');
  });

  it('lets a new device pull every vector of its workspace, page by page', async () => {
    const mine = Array.from({ length: 7 }, (_, i) => point(unit(i % DIMS, 0.25 * i), { symbol: `S${i}` }));
    await stores.one.upsert('trades', mine);
    await stores.two.upsert('trades', [point(unit(0))]);
    const pulled: VectorPoint[] = [];
    let offset: string | null = null;
    let pages = 0;
    do {
      const page = await stores.one.pull('trades', { offset, limit: 3 });
      pulled.push(...page.points);
      offset = page.next;
      pages += 1;
    } while (offset !== null);
    expect(pages).toBe(3);
    expect(pulled.map((p) => p.id).sort()).toEqual(mine.map((p) => p.id).sort());
    for (const original of mine) {
      const copy = pulled.find((p) => p.id === original.id);
      expect(copy?.payload).toEqual({ ...original.payload, workspace_id: 'ws-one' });
      // Qdrant keeps float32: the vector comes back equal to about 7 digits.
      copy?.vector.forEach((x, i) => expect(x).toBeCloseTo(original.vector[i] ?? NaN, 6));
    }
    expect(sent()).toContain('POST /collections/{name}/points/scroll');
  });

  it('counts and lists content hashes of this workspace only', async () => {
    const mine = [point(unit(0)), point(unit(1))];
    await stores.one.upsert('journal_entries', mine);
    await stores.two.upsert('journal_entries', [point(unit(2))]);
    expect(await stores.one.count('journal_entries')).toBe(2);
    expect(await stores.one.contentHashes('journal_entries')).toEqual(
      new Map(mine.map((p) => [p.id, p.payload.content_hash])),
    );
    expect(sent()).toContain('POST /collections/{name}/points/count');
  });
});

describe('QdrantStore errors', () => {
  const failure = async (run: () => Promise<unknown>): Promise<QdrantError> => {
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QdrantError);
    return error as QdrantError;
  };

  it('a 500 is retryable and names the service', async () => {
    double.faults.set({ mode: 'error500' });
    const error = await failure(() => stores.one.count('trades'));
    expect(error).toMatchObject({ retryable: true, status: 500 });
    expect(error.message).toBe(
      `Qdrant at ${double.url} answered 500 while counting trades: Service internal error: injected by the Qdrant double`,
    );
  });

  it('a dropped connection is retryable', async () => {
    double.faults.set({ mode: 'reset', times: 1 });
    const error = await failure(() => stores.one.upsert('trades', [point(unit(0))]));
    expect(error).toMatchObject({ retryable: true, status: null });
    expect(error.message).toMatch(
      new RegExp(`^Qdrant at ${double.url} dropped the connection while writing 1 vectors to trades`),
    );
  });

  it('no answer within the timeout is retryable', async () => {
    const impatient = new QdrantStore({ url: double.url, workspaceId: 'ws-one', timeoutMs: 100 });
    double.faults.set({ mode: 'slow', delayMs: 5_000, times: 1 });
    const error = await failure(() => impatient.ping());
    expect(error).toMatchObject({
      retryable: true,
      message: `Qdrant at ${double.url} did not answer within 100 ms while checking the connection`,
    });
  });

  it('a refused connection is retryable', async () => {
    const spare = await startQdrantDouble();
    const url = spare.url;
    await spare.close();
    const error = await failure(() => new QdrantStore({ url, workspaceId: 'w' }).ping());
    expect(error).toMatchObject({
      retryable: true,
      message: `Qdrant at ${url} refused the connection while checking the connection (ECONNREFUSED)`,
    });
  });

  it('a 400 is not retryable and says what Qdrant objected to', async () => {
    const error = await failure(() => stores.one.upsert('trades', [point([1, 0])]));
    expect(error).toMatchObject({ retryable: false, status: 400 });
    expect(error.message).toBe(
      `Qdrant at ${double.url} answered 400 while writing 1 vectors to trades: Wrong input: Vector dimension error: expected dim: ${DIMS}, got 2`,
    );
  });

  it('refuses ids that are not UUIDs before sending anything', async () => {
    const error = await failure(() => stores.one.upsert('trades', [{ ...point(unit(0)), id: 'trade-1' }]));
    expect(error.retryable).toBe(false);
    expect(double.requests).toEqual([]);
  });

  it('a wrong API key is not retryable', async () => {
    const secured = await startQdrantDouble({ apiKey: 'right' });
    try {
      const store = new QdrantStore({ url: secured.url, apiKey: 'wrong', workspaceId: 'w' });
      const error = await failure(() => store.count('trades'));
      expect(error).toMatchObject({ retryable: false, status: 401 });
      expect(error.message).toMatch(/refused the API key while counting trades/);
    } finally {
      await secured.close();
    }
  });
});
