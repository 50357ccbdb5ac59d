import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { externalDeps, requireBanner } from '../bundled-deps.mjs';
import { createCore } from '../../electron/core/core';
import { loadDemoJournal } from '../../electron/core/demo/load';
import { quantile, type BenchRow } from './report';
import { benchStatsHandler } from './stats-handler';

/** Core cold start, first trades page and local write latency over a 100k-trade journal. */
export async function benchJournal(trades: number): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tpj-bench-'));
  const setup = createCore({ dataDir });
  const started = performance.now();
  loadDemoJournal(setup.store, { trades, seed: 42, endDay: '2026-11-20' });
  const demoMs = performance.now() - started;
  setup.close();
  console.log(`(setup: demo journal of ${trades} trades written in ${(demoMs / 1000).toFixed(1)} s, ${dataDir})`);

  const coldStart = await measureColdStart(dataDir);

  const core = createCore({ dataDir });
  const firstPage: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const page = await core.invoke('trades.list', { limit: 100 });
    firstPage.push(performance.now() - t0);
    if (!page.ok) throw new Error(page.error.message);
  }
  const filtered: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await core.invoke('trades.list', { limit: 100, filter: { side: 'short', outcome: 'loss' } });
    filtered.push(performance.now() - t0);
  }
  const stats = await benchStatsHandler(core, trades);

  const list = await core.invoke('trades.list', { limit: 1000 });
  if (!list.ok) throw new Error(list.error.message);
  const ids = (list.value as { items: { id: string }[] }).items.map((t) => t.id);
  const writes: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t0 = performance.now();
    const result = await core.invoke('trades.update', {
      id: ids[i % ids.length],
      patch: { notes: `note ${i}`, rating: (i % 5) + 1 },
    });
    writes.push(performance.now() - t0);
    if (!result.ok) throw new Error(result.error.message);
  }
  core.close();
  rmSync(dataDir, { recursive: true, force: true });

  return [
    {
      work: 'core cold start to first query',
      measured: coldStart,
      unit: 'ms',
      budget: 500,
      kind: 'below',
      note: 'median of 5 fresh processes',
    },
    {
      work: `first journal page, ${trades / 1000}k trades (core)`,
      measured: quantile(firstPage, 0.5),
      unit: 'ms',
      budget: 50,
      kind: 'below',
      note: `p95 ${quantile(firstPage, 0.95).toFixed(2)} ms`,
    },
    {
      work: 'filtered page (short losers)',
      measured: quantile(filtered, 0.5),
      unit: 'ms',
      budget: 50,
      kind: 'below',
      note: `p95 ${quantile(filtered, 0.95).toFixed(2)} ms`,
    },
    {
      work: 'local write p99 (trade edit + outbox)',
      measured: quantile(writes, 0.99),
      unit: 'ms',
      budget: 2,
      kind: 'below',
      note: `p50 ${quantile(writes, 0.5).toFixed(3)} ms over ${writes.length}`,
    },
    ...stats,
  ];
}

async function measureColdStart(dataDir: string): Promise<number> {
  // Inside the project so the bundle resolves npm packages from node_modules, as the shipped app does.
  const outfile = join(import.meta.dirname, '..', '..', 'out', 'bench', 'cold-start.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'cold-start-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // As the app's core and the CLI are built: pure-JS packages inlined, the rest from node_modules.
    external: externalDeps(),
    banner: { js: requireBanner },
    logLevel: 'warning',
  });
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const out = execFileSync(process.execPath, [outfile, dataDir], {
      cwd: join(import.meta.dirname, '..', '..'),
    }).toString();
    runs.push((JSON.parse(out) as { ms: number }).ms);
  }
  return quantile(runs, 0.5);
}
