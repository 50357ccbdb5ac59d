import type { EquitySeries } from '../../../../shared/domain/stats';

/** Chart space: x and y in 0–1 (y up), for an SVG to scale. */
export type ChartPoint = { x: number; y: number };

export type ChartPaths = {
  equity: ChartPoint[];
  drawdown: ChartPoint[];
  /** Value range of each panel, for the axis labels. */
  equityRange: { min: number; max: number };
  deepest: number;
};

/**
 * The equity curve and drawdown as at most ~2 × `buckets` points each. With 100k trades
 * the SVG would hold 100k vertices; each bucket keeps its lowest and highest value instead,
 * so spikes and the deepest drawdown survive the thinning. The start (0) is the first point.
 */
export function chartPaths(series: EquitySeries, buckets = 400): ChartPaths {
  const n = series.equity.length;
  const values = [0, ...series.equity];
  const drawdowns = [0, ...series.drawdown];
  let min = 0;
  let max = 0;
  let deepest = 0;
  for (let i = 0; i < n; i++) {
    const e = series.equity[i] ?? 0;
    if (e < min) min = e;
    if (e > max) max = e;
    deepest = Math.min(deepest, series.drawdown[i] ?? 0);
  }
  const span = max - min || 1;
  const depth = -deepest || 1;
  const equity = thin(values, buckets).map(([i, v]) => ({ x: i / Math.max(1, n), y: (v - min) / span }));
  const drawdown = thin(drawdowns, buckets).map(([i, v]) => ({ x: i / Math.max(1, n), y: 1 + v / depth }));
  return { equity, drawdown, equityRange: { min, max }, deepest };
}

/** [index, value] pairs: every point when few, else each bucket's extremes in order. */
function thin(values: readonly number[], buckets: number): [number, number][] {
  if (values.length <= buckets * 2) return values.map((v, i) => [i, v]);
  const out: [number, number][] = [];
  const size = values.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(values.length, Math.floor((b + 1) * size));
    let lo = start;
    let hi = start;
    for (let i = start; i < end; i++) {
      if ((values[i] ?? 0) < (values[lo] ?? 0)) lo = i;
      if ((values[i] ?? 0) > (values[hi] ?? 0)) hi = i;
    }
    for (const i of lo === hi ? [lo] : lo < hi ? [lo, hi] : [hi, lo]) out.push([i, values[i] ?? 0]);
  }
  const last = values.length - 1;
  if (out.at(-1)?.[0] !== last) out.push([last, values[last] ?? 0]);
  return out;
}

/** An SVG path through the points, scaled to a width × height box (y flipped: SVG grows down). */
export function toPath(points: readonly ChartPoint[], width: number, height: number): string {
  return points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${(p.x * width).toFixed(1)},${((1 - p.y) * height).toFixed(1)}`)
    .join('');
}
