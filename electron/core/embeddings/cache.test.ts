import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../log/logger';
import { EmbeddingCache, EmbeddingCacheError, type Space } from './cache';
import { sha256 } from './content';

const local: Space = { provider: 'local', model: 'local-features-v1', dims: 4 };
const h = (text: string) => sha256(text);

describe('embedding cache (PGlite + pgvector)', { timeout: 120_000 }, () => {
  let dir: string;
  let cache: EmbeddingCache;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-emb-cache-'));
    cache = await EmbeddingCache.open(join(dir, 'embeddings'), silentLogger());
  });
  afterAll(async () => {
    await cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back stored vectors, keyed by provider, model, dims and content hash', async () => {
    await cache.storeVectors(local, new Map([[h('a'), [0.5, 0.5, 0.5, 0.5]]]));
    await cache.storeVectors({ ...local, model: 'other' }, new Map([[h('a'), [1, 0, 0, 0]]]));
    await cache.storeVectors({ ...local, dims: 2 }, new Map([[h('a'), [0, 1]]]));
    // The same content again keeps its first vector: same key, same vector.
    await cache.storeVectors(local, new Map([[h('a'), [9, 9, 9, 9]]]));

    expect([...(await cache.getVectors(local, [h('a'), h('b')]))]).toEqual([
      [h('a'), Float32Array.of(0.5, 0.5, 0.5, 0.5)],
    ]);
    expect((await cache.getVectors({ ...local, model: 'other' }, [h('a')])).get(h('a'))).toEqual(
      Float32Array.of(1, 0, 0, 0),
    );
    expect((await cache.getVectors({ ...local, dims: 2 }, [h('a')])).get(h('a'))).toEqual(Float32Array.of(0, 1));
    expect((await cache.getVectors({ ...local, provider: 'gemini' }, [h('a')])).size).toBe(0);
    await expect(cache.storeVectors(local, new Map([[h('c'), [1, 2]]]))).rejects.toThrow(/dimensions/);
  });

  it('maps rows to content, re-points changed rows and drops deleted ones', async () => {
    await cache.storeVectors(local, new Map([[h('b'), [0, 0, 1, 0]]]));
    const filter = { accountId: 'acc', symbol: 'ES', openedAt: 1_700_000_000_000 };
    await cache.setMappings(local, [
      { entity: 'trades', id: 't1', sha256: h('a'), filter },
      { entity: 'trades', id: 't2', sha256: h('a'), filter: { ...filter, symbol: 'NQ' } },
      { entity: 'playbooks', id: 'p1', sha256: h('b'), filter: null },
    ]);
    await cache.setMappings(local, [{ entity: 'trades', id: 't2', sha256: h('b'), filter }]);
    expect(await cache.mappedHashes('trades', local)).toEqual(
      new Map([
        ['t1', h('a')],
        ['t2', h('b')],
      ]),
    );
    expect(await cache.mappedHashes('trades', local, ['t2'])).toEqual(new Map([['t2', h('b')]]));

    const vectors = await cache.tradeVectors(local);
    expect(vectors.map((v) => [v.id, v.symbol, v.openedAt, [...v.vector]])).toEqual(
      [
        ['t1', 'ES', 1_700_000_000_000, [0.5, 0.5, 0.5, 0.5]],
        ['t2', 'ES', 1_700_000_000_000, [0, 0, 1, 0]],
      ].sort(),
    );

    // Read a page at a time, the same rows come back.
    expect((await cache.tradeVectors(local, 1)).map((v) => v.id)).toEqual(['t1', 't2']);

    await cache.dropMappings('trades', ['t1']);
    expect([...(await cache.mappedHashes('trades', local)).keys()]).toEqual(['t2']);
    expect(await cache.counts(local, 'trades')).toEqual({ vectors: 2, mapped: 1 });
  });

  it('pages vectors out for sync by id and takes pulled vectors in by content hash', async () => {
    const other = { ...local, provider: 'gemini', model: 'g' };
    await cache.storeVectors(other, new Map([[h('b'), [0, 0, 0, 1]]]));
    await cache.setMappings(other, [{ entity: 'trades', id: 't2', sha256: h('b'), filter: null }]);
    await cache.storeVectors(local, new Map([[h('c'), [1, 0, 0, 0]]]));
    await cache.setMappings(local, [{ entity: 'trades', id: 't3', sha256: h('c'), filter: null }]);

    const first = await cache.listVectors('trades', { limit: 1 });
    // Both spaces of t2 come on the same page.
    expect(first.map((r) => [r.id, r.provider])).toEqual([
      ['t2', 'gemini'],
      ['t2', 'local'],
    ]);
    expect(first[1]).toEqual({ id: 't2', vector: [0, 0, 1, 0], contentHash: h('b'), ...local });
    const next = await cache.listVectors('trades', { afterId: 't2', limit: 10 });
    expect(next.map((r) => r.id)).toEqual(['t3']);

    const accepted = await cache.putVectors('trades', [
      { id: 'x', vector: [0, 1, 0, 0], contentHash: h('pulled'), ...local },
      { id: 'y', vector: [0, 1], contentHash: h('wrong size'), ...local },
    ]);
    expect(accepted).toBe(1);
    expect((await cache.getVectors(local, [h('pulled'), h('wrong size')])).size).toBe(1);
    // Pulled vectors are not mapped until the row's own content hashes the same.
    expect((await cache.mappedHashes('trades', local)).has('x')).toBe(false);
  });
});

describe('a cache folder that will not open', { timeout: 120_000 }, () => {
  it('is deleted and made anew, and the trader hears about it in the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpj-emb-corrupt-'));
    const folder = join(dir, 'embeddings');
    try {
      const first = await EmbeddingCache.open(folder, silentLogger());
      await first.storeVectors(local, new Map([[h('a'), [1, 0, 0, 0]]]));
      await first.close();
      for (const name of readdirSync(folder))
        if (name.startsWith('PG_VERSION')) writeFileSync(join(folder, name), 'garbage');
      writeFileSync(join(folder, 'global', 'pg_control'), 'not a control file');

      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
      const reopened = await EmbeddingCache.open(folder, logger);
      expect((await reopened.getVectors(local, [h('a')])).size).toBe(0);
      await reopened.storeVectors(local, new Map([[h('a'), [1, 0, 0, 0]]]));
      expect((await reopened.getVectors(local, [h('a')])).size).toBe(1);
      await reopened.close();
      expect(lines.join('')).toContain('deleting it to rebuild');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the cache worker', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-emb-worker-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a new folder (initdb) on its own thread', async () => {
    const folder = join(dir, 'new');
    // Other tests start from the run's initialised template (a copy); this one runs initdb.
    const template = process.env['TPJ_TEST_PGLITE_TEMPLATE'];
    delete process.env['TPJ_TEST_PGLITE_TEMPLATE'];
    const cache = await EmbeddingCache.open(folder, silentLogger()).finally(() => {
      if (template !== undefined) process.env['TPJ_TEST_PGLITE_TEMPLATE'] = template;
    });
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
    await cache.storeVectors(local, new Map([[h('z'), [0, 0, 0, 1]]]));
    expect((await cache.getVectors(local, [h('z')])).get(h('z'))).toEqual(Float32Array.of(0, 0, 0, 1));
    await cache.close();
  });

  it("starts a new folder as a copy of the test run's initialised template, which opens as a cache", async () => {
    const runTemplate = inject('pgliteTemplate');
    // Built on a worker thread when the run starts; wait for it rather than race it.
    await expect.poll(() => existsSync(join(runTemplate, 'PG_VERSION')), { timeout: 60_000 }).toBe(true);
    const template = join(dir, 'template');
    cpSync(runTemplate, template, { recursive: true });
    writeFileSync(join(template, 'copied-from-template'), '');
    const saved = process.env['TPJ_TEST_PGLITE_TEMPLATE'];
    process.env['TPJ_TEST_PGLITE_TEMPLATE'] = template;
    const folder = join(dir, 'seeded');
    const cache = await EmbeddingCache.open(folder, silentLogger()).finally(() => {
      if (saved === undefined) delete process.env['TPJ_TEST_PGLITE_TEMPLATE'];
      else process.env['TPJ_TEST_PGLITE_TEMPLATE'] = saved;
    });
    expect(existsSync(join(folder, 'copied-from-template'))).toBe(true);
    await cache.storeVectors(local, new Map([[h('t'), [0, 1, 0, 0]]]));
    expect((await cache.getVectors(local, [h('t')])).get(h('t'))).toEqual(Float32Array.of(0, 1, 0, 0));
    await cache.close();
  });

  it('fails the calls waiting on a worker that dies, and the next call starts a new one', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const cache = await EmbeddingCache.open(join(dir, 'crash'), logger);
    await cache.storeVectors(local, new Map([[h('kept'), [1, 0, 0, 0]]]));
    await cache.analyze(); // a statement after the write: the write is on disk before the crash

    const crash = cache.crashForTesting();
    const waiting = cache.counts(local, 'trades'); // sent after the crash request: never answered
    await expect(crash).rejects.toBeInstanceOf(EmbeddingCacheError);
    await expect(waiting).rejects.toMatchObject({ code: 'UNAVAILABLE', message: /stopped/ });
    expect(lines.join('')).toContain('worker stopped');

    expect(await cache.counts(local, 'trades')).toEqual({ vectors: 1, mapped: 0 });
    expect((await cache.getVectors(local, [h('kept')])).size).toBe(1);
    await cache.close();
  });

  it('carries a failed statement back as a STORAGE error with its SQLSTATE, and keeps working', async () => {
    const cache = await EmbeddingCache.open(join(dir, 'sql'), silentLogger());
    const failed = await cache.pg.query('SELECT * FROM no_such_table').catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(EmbeddingCacheError);
    expect(failed).toMatchObject({ code: 'STORAGE', sqlState: '42P01' });
    expect((await cache.pg.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    await cache.close();
  });

  it('closes after the calls already sent (a drain), and refuses calls after', async () => {
    const cache = await EmbeddingCache.open(join(dir, 'drain'), silentLogger());
    const vectors = new Map(Array.from({ length: 500 }, (_, i) => [h(`d${i}`), [i, 1, 0, 0]] as const));
    const stored = cache.storeVectors(local, vectors);
    const counted = cache.counts(local, 'trades');
    const closed = cache.close();
    await stored;
    expect(await counted).toEqual({ vectors: 500, mapped: 0 });
    await closed;
    await expect(cache.counts(local, 'trades')).rejects.toMatchObject({ code: 'UNAVAILABLE' });

    const reopened = await EmbeddingCache.open(join(dir, 'drain'), silentLogger());
    expect((await reopened.counts(local, 'trades')).vectors).toBe(500);
    await reopened.close();
  });
});
