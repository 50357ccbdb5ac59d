import { describe, expect, it } from 'vitest';
import type { Execution } from '../../../../shared/domain/types';
import { chartGeometry } from './chart-geometry';

const size = { width: 400, height: 200, left: 50, right: 10, top: 10, bottom: 30 };

function fill(id: string, side: 'buy' | 'sell', price: string, executedAt: number): Execution {
  return {
    id,
    accountId: 'a',
    brokerExecId: null,
    orderId: null,
    symbol: 'ES',
    assetClass: 'future',
    side,
    quantity: '1',
    price,
    fee: '0',
    currency: 'USD',
    executedAt,
  };
}

describe('chart geometry', () => {
  const fills = [fill('e1', 'buy', '100', 1000), fill('e2', 'buy', '102', 2000), fill('e3', 'sell', '110', 3000)];
  const legs = [
    { executionId: 'e1', quantity: '1', fee: '0', role: 'open' as const },
    { executionId: 'e2', quantity: '1', fee: '0', role: 'open' as const },
    { executionId: 'e3', quantity: '2', fee: '0', role: 'close' as const },
  ];

  it('puts the first fill at the left, the last at the right, higher prices higher up', () => {
    const g = chartGeometry(fills, legs, { stop: null, target: null }, size);
    expect(g.markers.map((m) => m.x)).toEqual([50, 220, 390]);
    expect(g.markers[2]!.y).toBeLessThan(g.markers[0]!.y);
    expect(g.markers.map((m) => m.role)).toEqual(['open', 'open', 'close']);
    expect(g.path.startsWith('M50.0,')).toBe(true);
    for (const m of g.markers) {
      expect(m.y).toBeGreaterThanOrEqual(size.top);
      expect(m.y).toBeLessThanOrEqual(size.height - size.bottom);
    }
  });

  it('widens the price range to show the stop and the target', () => {
    const g = chartGeometry(fills, legs, { stop: '90', target: '130' }, size);
    const stop = g.levels.find((l) => l.kind === 'stop')!;
    const target = g.levels.find((l) => l.kind === 'target')!;
    expect(stop.price).toBe('90');
    expect(stop.y).toBeGreaterThan(Math.max(...g.markers.map((m) => m.y)));
    expect(target.y).toBeLessThan(Math.min(...g.markers.map((m) => m.y)));
    expect(target.y).toBeGreaterThanOrEqual(size.top);
    expect(stop.y).toBeLessThanOrEqual(size.height - size.bottom);
  });

  it('still draws one fill at one price inside the plot', () => {
    const g = chartGeometry([fill('e1', 'buy', '5', 1000)], [], { stop: null, target: null }, size);
    expect(g.markers[0]!.x).toBeCloseTo(220);
    expect(g.markers[0]!.y).toBeCloseTo(size.top + (size.height - size.top - size.bottom) / 2);
    expect(g.priceTicks).toHaveLength(5);
  });
});
