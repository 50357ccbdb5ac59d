import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';
import { loadDemoJournal } from '../demo/load';
import { readTargets } from './content';
import { localSpace } from './embedders';
import { dot, embedLocal } from './local-embedder';

// Records when PGlite is first imported: the factory runs on the first import, not before.
const loaded = vi.hoisted(() => ({ pglite: false }));
vi.mock('@electric-sql/pglite', async (importOriginal) => {
  loaded.pglite = true;
  return importOriginal();
});

type TempCore = ReturnType<typeof tempCore>;

function embedJobs(t: TempCore): { name: string; payload: string }[] {
  return t.core.store.db
    .prepare(`SELECT name, payload FROM jobs WHERE queue = 'ai' AND state = 'waiting' ORDER BY id`)
    .all() as { name: string; payload: string }[];
}

describe('embeddings in the core', { timeout: 180_000 }, () => {
  let t: TempCore;
  beforeAll(() => {
    t = tempCore({ ai: { env: {} } });
    loadDemoJournal(t.core.store, { trades: 300, seed: 5, endDay: '2025-06-27' });
  });
  afterAll(async () => {
    await t.core.embeddings.close();
    t.dispose();
  });

  it('leaves PGlite unloaded and the cache folder absent until embeddings are first used', () => {
    expect(loaded.pglite).toBe(false);
    expect(t.core.embeddings.opened).toBe(false);
    expect(existsSync(join(t.dataDir, 'embeddings'))).toBe(false);
  });

  it('queues one "embed missing" job for a bulk write, and one job per content for an edit', async () => {
    expect(embedJobs(t).map((j) => j.name)).toEqual(['embed-missing']);
    t.core.store.db.prepare(`DELETE FROM jobs`).run();

    const id = t.core.store.db.prepare(`SELECT id FROM trades ORDER BY id LIMIT 1`).pluck().get() as string;
    await t.call('trades.update', { id, patch: { notes: 'Chased it. FOMO again.' } });
    await t.call('trades.update', { id, patch: { notes: 'Chased it. FOMO again.' } });
    await t.call('trades.update', { id, patch: { rating: 2 } }); // rating is not embedded: same content
    const jobs = embedJobs(t);
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toMatchObject({ entity: 'trades', id, provider: 'local' });
    await t.call('trades.update', { id, patch: { notes: 'Waited for the pullback this time.' } });
    expect(embedJobs(t)).toHaveLength(2);
    expect(loaded.pglite).toBe(false);
  });

  it('embeds everything, then finds the same neighbours as a naive scan, with filters', async () => {
    await t.core.embeddings.embedAll();
    // PGlite runs on the cache's worker thread: the core's thread never loads it.
    expect(loaded.pglite).toBe(false);
    expect(existsSync(join(t.dataDir, 'embeddings', 'PG_VERSION'))).toBe(true);
    const status = await t.call('embeddings.status', {});
    expect(status).toMatchObject({ provider: 'local', model: 'local-features-v1', dims: 256, trades: 300 });
    expect(status.coverage).toBe(1);

    const db = t.core.store.db;
    const targets = readTargets(db, 'trades', null, 'UTC');
    const timeZone = (await t.call('settings.get', {})).displayTimeZone;
    const vectors = new Map(readTargets(db, 'trades', null, timeZone).map((x) => [x.id, x]));
    const query = targets[17]!;
    const account = query.filter!.accountId;
    const from = Math.min(...targets.map((x) => x.filter!.openedAt));
    const to = from + 60 * 86_400_000;
    for (const filter of [{}, { accountId: account }, { symbol: query.filter!.symbol.toLowerCase() }, { from, to }]) {
      const got = await t.call('embeddings.similar', { tradeId: query.id, k: 7, ...filter });
      const q = embedLocal(vectors.get(query.id)!.doc);
      const want = [...vectors.values()]
        .filter((x) => x.id !== query.id)
        .filter((x) => !('accountId' in filter) || x.filter!.accountId === filter.accountId)
        .filter((x) => !('symbol' in filter) || x.filter!.symbol === query.filter!.symbol)
        .filter((x) => !('from' in filter) || (x.filter!.openedAt >= from && x.filter!.openedAt <= to))
        .map((x) => ({ id: x.id, score: dot(q, embedLocal(x.doc)) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 7);
      expect(got.provider).toBe('local');
      expect(got.items.map((i) => i.score)).toEqual(want.map((w) => expect.closeTo(w.score, 5) as number));
      expect(got.items.every((i) => i.trade.id !== query.id)).toBe(true);
    }
  });

  it('follows edits and deletions in the index without reloading it', async () => {
    const db = t.core.store.db;
    const [a, b] = db.prepare(`SELECT id FROM trades ORDER BY id LIMIT 2`).pluck().all() as string[];
    const timeZone = (await t.call('settings.get', {})).displayTimeZone;
    const onlyB = () => {
      const [target] = readTargets(db, 'trades', [b!], timeZone);
      if (!target) return { k: 5 };
      const { symbol, openedAt } = target.filter!;
      return { k: 5, symbol, from: openedAt, to: openedAt };
    };
    const filter = onlyB();
    await t.call('trades.update', { id: b!, patch: { notes: 'zebra giraffe okapi' } });
    await t.call('trades.update', { id: a!, patch: { notes: 'zebra giraffe okapi' } });
    await t.core.embeddings.embedRows('trades', [a!, b!]);
    const [ta, tb] = readTargets(db, 'trades', [a!, b!], timeZone).sort((x, y) =>
      x.id === a ? -1 : y.id === a ? 1 : 0,
    );
    const found = await t.call('embeddings.similar', { tradeId: a!, ...filter });
    expect(found.items.map((i) => i.trade.id)).toEqual([b]);
    expect(found.items[0]!.score).toBeCloseTo(dot(embedLocal(ta!.doc), embedLocal(tb!.doc)), 5);

    await t.call('trades.delete', { id: b! });
    await t.core.embeddings.embedRows('trades', [b!]);
    const after = await t.call('embeddings.similar', { tradeId: a!, ...filter });
    expect(after.items).toEqual([]);
    expect((await t.call('embeddings.status', {})).tradesEmbedded).toBe(
      db.prepare(`SELECT count(*) FROM trades WHERE deleted_hlc IS NULL`).pluck().get(),
    );
  });

  it('rebuilds from nothing to full coverage, reporting progress, and can be cancelled', async () => {
    const steps: number[] = [];
    await t.core.embeddings.rebuild({ progress: (done, total) => steps.push(done / total) });
    expect(steps.at(-1)).toBe(1);
    expect((await t.call('embeddings.status', {})).coverage).toBe(1);

    const abort = new AbortController();
    abort.abort();
    await expect(t.core.embeddings.rebuild({ signal: abort.signal })).rejects.toThrow();
    expect((await t.call('embeddings.status', {})).tradesEmbedded).toBe(0);
    await t.core.embeddings.embedAll();
  });

  it('answers contract calls while a rebuild runs, and stops a rebuild cancelled midway', async () => {
    let rebuilding = true;
    const rebuild = t.core.embeddings.rebuild().finally(() => (rebuilding = false));
    const answeredDuring: string[] = [];
    while (rebuilding) {
      const status = await t.core.invoke('app.status', {});
      const embeddings = await t.core.invoke('embeddings.status', {});
      if (rebuilding && status.ok && embeddings.ok) answeredDuring.push('status');
    }
    await rebuild;
    expect(answeredDuring.length).toBeGreaterThan(0);
    expect((await t.call('embeddings.status', {})).coverage).toBe(1);

    const abort = new AbortController();
    const cancelled = t.core.embeddings.rebuild({ signal: abort.signal, progress: () => abort.abort() });
    await expect(cancelled).rejects.toThrow();
    // Cancelled after the trades' first step: the journal entries, next in line, never ran.
    const entries = t.core.store.db.prepare(`SELECT count(*) FROM journal_entries`).pluck().get() as number;
    expect(entries).toBeGreaterThan(0);
    const cache = await t.core.embeddings.cache();
    expect((await cache.counts(localSpace, 'journal_entries')).mapped).toBe(0);
    await t.core.embeddings.embedAll();
    expect((await t.call('embeddings.status', {})).coverage).toBe(1);
  });

  it('searches from a vector too, and queues one pass (not hundreds of jobs) when many trades are tagged', async () => {
    const db = t.core.store.db;
    const timeZone = (await t.call('settings.get', {})).displayTimeZone;
    const [target] = readTargets(db, 'trades', null, timeZone).slice(40, 41);
    const found = await t.core.embeddings.similarToVector(localSpace, embedLocal(target!.doc), { k: 1 });
    expect(found.items[0]?.score).toBeCloseTo(1, 5);
    expect(
      dot(embedLocal(readTargets(db, 'trades', [found.items[0]!.trade.id], timeZone)[0]!.doc), embedLocal(target!.doc)),
    ).toBeCloseTo(1, 5);

    const tag = await t.call('tags.create', { name: 'batch review' });
    db.prepare(`DELETE FROM jobs`).run();
    const ids = db.prepare(`SELECT id FROM trades WHERE deleted_hlc IS NULL LIMIT 250`).pluck().all() as string[];
    await t.call('trades.bulkTag', { ids, tagId: tag.id, action: 'add' });
    expect(embedJobs(t).map((j) => j.name)).toEqual(['embed-missing']);
  });

  it('answers NOT_FOUND for a trade that does not exist', async () => {
    const result = await t.core.invoke('embeddings.similar', { tradeId: 'nope' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
