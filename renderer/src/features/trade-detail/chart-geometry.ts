import type { Execution, TradeLeg } from '../../../../shared/domain/types';

export type ChartSize = { width: number; height: number; left: number; right: number; top: number; bottom: number };

export type ChartMarker = {
  x: number;
  y: number;
  side: 'buy' | 'sell';
  role: 'open' | 'close';
  price: string;
  at: number;
};
export type ChartLevel = { y: number; kind: 'stop' | 'target'; price: string };
export type ChartTick = { at: number; label: string };

export type ChartGeometry = {
  markers: ChartMarker[];
  levels: ChartLevel[];
  /** The price path through the fills in time order, as SVG path data. */
  path: string;
  priceTicks: ChartTick[];
  minTime: number;
  maxTime: number;
};

/**
 * Where the fills, stop and target go on a price (y) / time (x) plot. Prices become
 * floats here only to place pixels; every number shown stays the exact string.
 */
export function chartGeometry(
  executions: readonly Execution[],
  legs: readonly TradeLeg[],
  levels: { stop: string | null; target: string | null },
  size: ChartSize,
): ChartGeometry {
  const roles = new Map(legs.map((l) => [l.executionId, l.role]));
  const prices = executions.map((e) => Number(e.price));
  for (const level of [levels.stop, levels.target]) if (level !== null) prices.push(Number(level));
  let low = Math.min(...prices);
  let high = Math.max(...prices);
  if (!(high > low)) {
    const pad = Math.abs(low) * 0.01 || 1;
    low -= pad;
    high += pad;
  }
  const margin = (high - low) * 0.08;
  low -= margin;
  high += margin;
  const times = executions.map((e) => e.executedAt);
  let minTime = Math.min(...times);
  let maxTime = Math.max(...times);
  if (!(maxTime > minTime)) {
    minTime -= 60_000;
    maxTime += 60_000;
  }
  const plotW = size.width - size.left - size.right;
  const plotH = size.height - size.top - size.bottom;
  const x = (t: number) => size.left + ((t - minTime) / (maxTime - minTime)) * plotW;
  const y = (p: number) => size.top + (1 - (p - low) / (high - low)) * plotH;

  const markers = executions.map((e) => ({
    x: x(e.executedAt),
    y: y(Number(e.price)),
    side: e.side,
    role: roles.get(e.id) ?? 'open',
    price: e.price,
    at: e.executedAt,
  }));
  const path = markers.map((m, i) => `${i === 0 ? 'M' : 'L'}${m.x.toFixed(1)},${m.y.toFixed(1)}`).join(' ');
  const lines: ChartLevel[] = [];
  if (levels.stop !== null) lines.push({ y: y(Number(levels.stop)), kind: 'stop', price: levels.stop });
  if (levels.target !== null) lines.push({ y: y(Number(levels.target)), kind: 'target', price: levels.target });
  const priceTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const price = low + (high - low) * f;
    return { at: y(price), label: niceNumber(price, high - low) };
  });
  return { markers, levels: lines, path, priceTicks, minTime, maxTime };
}

/** A tick label with as many decimals as the price range needs. */
function niceNumber(value: number, range: number): string {
  const decimals = range >= 50 ? 0 : range >= 1 ? 2 : range >= 0.01 ? 4 : 6;
  return value.toFixed(decimals);
}
