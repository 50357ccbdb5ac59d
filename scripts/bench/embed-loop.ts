import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createCore } from '../../electron/core/core';
import { loadDemoJournal } from '../../electron/core/demo/load';
import { quantile } from './report';

/**
 * What an embedding rebuild costs the core's own thread: the event-loop delay
 * (monitorEventLoopDelay, max and p99) and the latency of a trivial contract call
 * (`app.status`, every 20 ms) while `rebuild()` re-embeds a demo journal. Run alone:
 * `node --import tsx scripts/bench/embed-loop.ts` (BENCH_TRADES, default 5000).
 */
export async function benchEmbedLoop(trades = 5_000): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tpj-bench-embed-loop-'));
  const core = createCore({ dataDir, ai: { env: {} } });
  try {
    loadDemoJournal(core.store, { trades, seed: 7, endDay: '2026-11-20' });
    await core.embeddings.status(); // open the cache (and create its folder) before measuring

    const histogram = monitorEventLoopDelay({ resolution: 5 });
    const calls: number[] = [];
    let running = true;
    const caller = (async () => {
      while (running) {
        const started = performance.now();
        await core.invoke('app.status', {});
        calls.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    histogram.enable();
    const started = performance.now();
    await core.embeddings.rebuild();
    const rebuildMs = performance.now() - started;
    histogram.disable();
    running = false;
    await caller;

    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    return [
      `rebuild of ${trades} trades: ${(rebuildMs / 1000).toFixed(2)} s`,
      `event-loop delay max ${ms(histogram.max)} ms, p99 ${ms(histogram.percentile(99))} ms, mean ${ms(histogram.mean)} ms`,
      `app.status during it (${calls.length} calls): p50 ${quantile(calls, 0.5).toFixed(1)} ms, p99 ${quantile(calls, 0.99).toFixed(1)} ms, max ${Math.max(...calls).toFixed(1)} ms`,
    ].join('\n');
  } finally {
    await core.embeddings.close();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The reason embedding jobs waited after writes: the app's own answers right after a write
 * while that write's embedding job runs. Jobs run at once here (`embedDelayMs`); each round
 * saves a trade's notes, asks `app.status`, and waits 60 ms (the job runs meanwhile).
 */
export async function benchWriteAnswers(trades = 5_000, rounds = 40, embedDelayMs = 0): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tpj-bench-embed-writes-'));
  const core = createCore({ dataDir, ai: { env: {}, embedDelayMs }, jobs: { run: true, pollMs: 20 } });
  try {
    loadDemoJournal(core.store, { trades, seed: 7, endDay: '2026-11-20' });
    core.store.db.prepare(`DELETE FROM jobs`).run();
    await core.embeddings.embedAll();
    const ids = core.store.db.prepare(`SELECT id FROM trades ORDER BY id LIMIT ?`).pluck().all(rounds) as string[];
    await core.embeddings.similar(ids[0]!, { k: 10 }); // the index is loaded, as in a session
    const answers: number[] = [];
    for (const [i, id] of ids.entries()) {
      const started = performance.now();
      await core.invoke('trades.update', { id, patch: { notes: `round ${i}: waited for the retest` } });
      await core.invoke('app.status', {});
      answers.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await core.drainJobs(30_000);
    return `write + app.status with embedding jobs at once (${rounds} rounds, ${trades} trades): p50 ${quantile(answers, 0.5).toFixed(1)} ms, p95 ${quantile(answers, 0.95).toFixed(1)} ms, max ${Math.max(...answers).toFixed(1)} ms`;
  } finally {
    await core.embeddings.close();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const trades = Number(process.env.BENCH_TRADES ?? 5_000);
  console.log(await benchEmbedLoop(trades));
  console.log(await benchWriteAnswers(trades));
}
