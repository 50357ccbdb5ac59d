import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Core } from '../../electron/core/core';
import { quantile, type BenchRow } from './report';

type Run = { wall: number; cpu: number };

/**
 * `stats.get` end to end in the core (validation, settings, the in-memory projection's
 * filter, the engine) on an open bench journal. The budget is for the warm dashboard
 * refresh: the first call also loads the projection (every trade read once from SQLite),
 * and is reported beside it, with the refresh after an edit and the projection's memory.
 * The handler gives back its last answer while nothing stats see has changed, so the
 * measured calls alternate two filters (each one computed afresh); the remembered answer
 * is reported apart.
 */
export async function benchStatsHandler(core: Core, trades: number): Promise<BenchRow[]> {
  const gc = exposedGc();
  const run = async (filter: object): Promise<Run> => {
    const cpuBefore = process.cpuUsage();
    const t0 = performance.now();
    const result = await core.invoke('stats.get', { filter });
    const wall = performance.now() - t0;
    if (!result.ok) throw new Error(result.error.message);
    const used = process.cpuUsage(cpuBefore);
    return { wall, cpu: (used.user + used.system) / 1000 };
  };
  // Heap plus ArrayBuffers: the prepared columns and the engine's working space are typed arrays, outside the heap.
  const memoryInUse = () => {
    const memory = process.memoryUsage();
    return memory.heapUsed + memory.arrayBuffers;
  };
  gc();
  const heapBefore = memoryInUse();
  const first = await run({});
  gc();
  const projectionMb = (memoryInUse() - heapBefore) / 1e6;
  for (let i = 0; i < 3; i++) await run({});
  const all: Run[] = [];
  const shorts: number[] = [];
  const repeats: number[] = [];
  for (let i = 0; i < 15; i++) {
    all.push(await run({}));
    repeats.push((await run({})).wall);
    shorts.push((await run({ side: 'short' })).wall);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const page = await core.invoke('trades.list', { limit: 15 });
  if (!page.ok) throw new Error(page.error.message);
  // A risk it has not had before (a journal benched twice keeps the first run's), so R changes.
  const risk = 100 + Math.floor(Math.random() * 10_000);
  const edited: number[] = [];
  const noted: number[] = [];
  for (const [i, trade] of (page.value as { items: { id: string }[] }).items.entries()) {
    const update = await core.invoke('trades.update', { id: trade.id, patch: { riskAmount: String(risk + i) } });
    if (!update.ok) throw new Error(update.error.message);
    edited.push((await run({})).wall);
    const note = await core.invoke('trades.update', { id: trade.id, patch: { notes: `bench ${i}` } });
    if (!note.ok) throw new Error(note.error.message);
    noted.push((await run({})).wall);
  }
  const wall = all.map((r) => r.wall);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return [
    {
      work: `stats.get warm dashboard refresh, ${trades / 1000}k trades (core, end to end)`,
      measured: quantile(wall, 0.5),
      unit: 'ms',
      budget: 50,
      kind: 'below',
      note:
        `p95 ${ms(quantile(wall, 0.95))}, CPU median ${ms(
          quantile(
            all.map((r) => r.cpu),
            0.5,
          ),
        )}; ` +
        `short side only median ${ms(quantile(shorts, 0.5))} p95 ${ms(quantile(shorts, 0.95))}; ` +
        `after a trade edit median ${ms(quantile(edited, 0.5))}; ` +
        `remembered (unchanged, or only notes edited) ${ms(quantile(repeats, 0.5))} / ${ms(quantile(noted, 0.5))}; ` +
        `first call ${ms(first.wall)} (loads the projection, ${projectionMb.toFixed(1)} MB heap and arrays)`,
    },
  ];
}

/** The garbage collector, for a steady heap figure; the bench runs without --expose-gc. */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
