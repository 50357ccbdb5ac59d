import type { Core } from '../../electron/core/core';
import { quantile, type BenchRow } from './report';

/**
 * `stats.get` end to end in the core (validation, settings, the one SQL read, base-currency
 * mapping, the engine), on an open bench journal: median of 15 runs after warm-up.
 */
export async function benchStatsHandler(core: Core, trades: number): Promise<BenchRow[]> {
  const run = async (filter: object): Promise<{ wall: number; cpu: number }> => {
    const cpuBefore = process.cpuUsage();
    const t0 = performance.now();
    const result = await core.invoke('stats.get', { filter });
    const wall = performance.now() - t0;
    if (!result.ok) throw new Error(result.error.message);
    const used = process.cpuUsage(cpuBefore);
    return { wall, cpu: (used.user + used.system) / 1000 };
  };
  const first = await run({});
  for (let i = 0; i < 3; i++) await run({});
  const all: { wall: number; cpu: number }[] = [];
  const shorts: number[] = [];
  for (let i = 0; i < 15; i++) {
    all.push(await run({}));
    shorts.push((await run({ side: 'short' })).wall);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const wall = all.map((r) => r.wall);
  return [
    {
      work: `stats.get handler, ${trades / 1000}k trades (core, end to end)`,
      measured: quantile(wall, 0.5),
      unit: 'ms',
      budget: 50,
      kind: 'below',
      note:
        `p95 ${quantile(wall, 0.95).toFixed(1)} ms, CPU median ${quantile(
          all.map((r) => r.cpu),
          0.5,
        ).toFixed(1)} ms, ` +
        `first call ${first.wall.toFixed(1)} ms, short side only ${quantile(shorts, 0.5).toFixed(1)} ms`,
    },
  ];
}
