import { describe, expect, it } from 'vitest';
import { chartPaths, toPath } from './chart-points';

function series(equity: number[]) {
  let peak = 0;
  const drawdown = equity.map((e) => {
    peak = Math.max(peak, e);
    return e - peak;
  });
  return { tradeIds: equity.map((_, i) => `t${i}`), closedAt: equity.map((_, i) => i), equity, drawdown };
}

describe('equity chart points', () => {
  it('keeps every point of a short curve, starting from zero', () => {
    const paths = chartPaths(series([100, 50, 150]));
    expect(paths.equity.map((p) => p.y)).toEqual([0, 2 / 3, 1 / 3, 1]);
    expect(paths.equityRange).toEqual({ min: 0, max: 150 });
    expect(paths.deepest).toBe(-50);
    // The drawdown panel: 1 is "at the peak", 0 the deepest fall.
    expect(paths.drawdown.map((p) => p.y)).toEqual([1, 1, 0, 1]);
  });

  it('thins a long curve but keeps its extremes and its end', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 1000) * 1000);
    values[54_321] = -5000;
    const paths = chartPaths(series(values), 200);
    expect(paths.equity.length).toBeLessThanOrEqual(401);
    expect(paths.equityRange.min).toBe(-5000);
    expect(Math.min(...paths.equity.map((p) => p.y))).toBe(0);
    expect(paths.equity.at(-1)?.x).toBe(1);
  });

  it('draws an SVG path in the box, y flipped', () => {
    expect(
      toPath(
        [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
        200,
        100,
      ),
    ).toBe('M0.0,100.0L200.0,0.0');
  });
});
