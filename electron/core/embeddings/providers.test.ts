import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiDouble, type GeminiDouble } from '../../../tests/support/gemini-double';
import { tempCore } from '../../../tests/support/temp-core';
import type { ResilienceOptions } from '../coach/gemini-resilience';
import { createCore } from '../core';
import { loadDemoJournal } from '../demo/load';

const KEY = 'test-key-AIzaSyDOUBLE-0123456789';
const fast: Partial<ResilienceOptions> = { timeoutMs: 2_000, retries: 1, baseDelayMs: 5, maxDelayMs: 20 };
type TempCore = ReturnType<typeof tempCore>;

describe('embedding providers', { timeout: 180_000 }, () => {
  const open: TempCore[] = [];
  const doubles: GeminiDouble[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) {
      await t.core.embeddings.close();
      t.dispose();
    }
    await Promise.all(doubles.splice(0).map((d) => d.close()));
  });

  function core(baseUrl: string, lines: string[] = []): TempCore {
    const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const t = tempCore({
      logger,
      ai: { keyStore: { getApiKey: () => KEY }, env: { TPJ_GEMINI_BASE_URL: baseUrl }, resilience: fast },
    });
    open.push(t);
    loadDemoJournal(t.core.store, { trades: 120, seed: 3, endDay: '2025-06-27' });
    return t;
  }

  it('embeds with Gemini in batches when a key is set, and never asks twice for the same content', async () => {
    const double = await startGeminiDouble(KEY);
    doubles.push(double);
    const t = core(double.baseUrl);
    await t.core.embeddings.embedAll();
    const embedCalls = () => double.requests.filter((r) => r.path.endsWith(':batchEmbedContents'));
    const first = embedCalls();
    expect(first.length).toBeGreaterThan(1);
    for (const r of first) expect((r.body as { requests: unknown[] }).requests.length).toBeLessThanOrEqual(100);

    const id = t.core.store.db.prepare(`SELECT id FROM trades LIMIT 1`).pluck().get() as string;
    const result = await t.call('embeddings.similar', { tradeId: id, k: 5 });
    expect(result).toMatchObject({ provider: 'gemini', model: 'gemini-embedding-001' });
    expect(result.items).toHaveLength(5);
    expect(await t.call('embeddings.status', {})).toMatchObject({ provider: 'gemini', dims: 768, coverage: 1 });

    await t.core.embeddings.embedAll();
    expect(embedCalls()).toHaveLength(first.length);
  });

  it('falls back to the local vectors when Gemini cannot be reached, without failing', async () => {
    const lines: string[] = [];
    // Nothing listens on port 9 (discard): every request fails like an offline machine's.
    const t = core('http://127.0.0.1:9', lines);
    await expect(t.core.embeddings.embedAll()).resolves.toBeUndefined();
    const id = t.core.store.db.prepare(`SELECT id FROM trades LIMIT 1`).pluck().get() as string;
    const result = await t.call('embeddings.similar', { tradeId: id, k: 5 });
    expect(result.provider).toBe('local');
    expect(result.items).toHaveLength(5);
    expect(lines.join('')).toContain('Gemini embeddings failed; the local embeddings stay in use');
  });

  it('runs the queued jobs in the core and fills the cache', async () => {
    const t = tempCore({ ai: { env: {}, embedDelayMs: 0 }, jobs: { run: true, pollMs: 20 } });
    open.push(t);
    loadDemoJournal(t.core.store, { trades: 60, seed: 9, endDay: '2025-06-27' });
    await t.core.jobs.idle();
    expect(await t.call('embeddings.status', {})).toMatchObject({ provider: 'local', trades: 60, coverage: 1 });
    const done = t.core.store.db
      .prepare(`SELECT name FROM jobs WHERE queue = 'ai' AND state = 'completed'`)
      .pluck()
      .all();
    expect(done).toEqual(['embed-missing']);

    const { jobId } = await t.call('embeddings.rebuild', {});
    await t.core.jobs.idle();
    const rebuilt = t.core.store.db.prepare(`SELECT state FROM jobs WHERE id = ?`).pluck().get(jobId);
    expect(rebuilt).toBe('completed');
    expect((await t.call('embeddings.status', {})).coverage).toBe(1);
  });

  it('catches up on a journal written before embeddings existed, once they are first used', async () => {
    const first = tempCore({ ai: { env: {} } });
    loadDemoJournal(first.core.store, { trades: 40, seed: 4, endDay: '2025-06-27' });
    first.core.store.db.prepare(`DELETE FROM jobs`).run();
    first.core.close();
    const core = createCore({
      dataDir: first.dataDir,
      ai: { env: {}, embedDelayMs: 0 },
      jobs: { run: true, pollMs: 20 },
    });
    open.push({ ...first, core, dispose: () => (core.close(), first.dispose()) });
    expect(core.store.db.prepare(`SELECT count(*) FROM jobs`).pluck().get()).toBe(0);
    expect((await core.embeddings.status()).coverage).toBe(0);
    await core.jobs.idle();
    expect(await core.embeddings.status()).toMatchObject({ trades: 40, coverage: 1 });
  });
});
