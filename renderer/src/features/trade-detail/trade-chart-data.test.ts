import { describe, expect, it } from 'vitest';
import type { TradeExcursion } from '../../../../shared/contract';
import type { Execution, TradeDetail } from '../../../../shared/domain/types';
import { chartWindow, intervalForHolding } from '../../../../shared/ticks/intervals';
import { chartCandles, toChartTime, tradeMarkers } from './trade-chart-data';

const at = (iso: string) => Date.parse(iso);
const colors = { entry: 'E', exit: 'X', mae: 'L', mfe: 'G' };

function fill(id: string, side: 'buy' | 'sell', quantity: string, price: string, iso: string): Execution {
  return { id, side, quantity, price, executedAt: at(iso) } as Execution;
}

const trade = {
  side: 'long',
  executions: [
    fill('a', 'buy', '2', '100.5', '2025-03-03T14:30:20Z'),
    fill('b', 'sell', '1', '101', '2025-03-03T14:35:10Z'),
    fill('c', 'sell', '1', '102', '2025-03-03T14:41:00Z'),
  ],
  legs: [
    { executionId: 'a', quantity: '2', fee: '0', role: 'open' },
    { executionId: 'b', quantity: '1', fee: '0', role: 'close' },
    { executionId: 'c', quantity: '1', fee: '0', role: 'close' },
  ],
} as unknown as TradeDetail;

describe('trade chart data', () => {
  it('picks an interval from holding time and a window around the trade', () => {
    expect(intervalForHolding(90_000)).toBe('1s');
    expect(intervalForHolding(11 * 60_000)).toBe('1m');
    expect(intervalForHolding(5 * 3_600_000)).toBe('5m');
    expect(intervalForHolding(3 * 86_400_000)).toBe('1h');
    expect(intervalForHolding(90 * 86_400_000)).toBe('1d');
    const w = chartWindow(at('2025-03-03T14:30:20Z'), at('2025-03-03T14:41:00Z'), '1m');
    expect(w.from).toBe(at('2025-03-03T14:00:00Z'));
    expect(w.to).toBeGreaterThan(at('2025-03-03T15:11:00Z'));
  });

  it('shows times in the display zone, but keeps day candles on their date', () => {
    const t = at('2025-03-03T14:30:00Z');
    expect(toChartTime(t, '1m', 'America/New_York')).toBe(at('2025-03-03T09:30:00Z') / 1000);
    expect(toChartTime(at('2025-03-03T00:00:00Z'), '1d', 'America/New_York')).toBe(at('2025-03-03T00:00:00Z') / 1000);
    expect(chartCandles([{ time: t, open: 1, high: 2, low: 0, close: 1, volume: 3 }], '1m', 'UTC')[0]?.time).toBe(
      t / 1000,
    );
  });

  it('marks every fill (partial exits too) at its price on its candle, and MAE/MFE where they happened', () => {
    const excursion = {
      mae: { price: '99.75', at: at('2025-03-03T14:32:59Z') },
      mfe: { price: '102.25', at: at('2025-03-03T14:40:01Z') },
    } as unknown as TradeExcursion;
    const markers = tradeMarkers(trade, excursion, '1m', 'UTC', colors);
    expect(markers.map((m) => [m.id, m.time, m.color, m.position])).toEqual([
      ['fill-a', at('2025-03-03T14:30:00Z') / 1000, 'E', 'atPriceMiddle'],
      ['mae', at('2025-03-03T14:32:00Z') / 1000, 'L', 'belowBar'],
      ['fill-b', at('2025-03-03T14:35:00Z') / 1000, 'X', 'atPriceMiddle'],
      ['mfe', at('2025-03-03T14:40:00Z') / 1000, 'G', 'aboveBar'],
      ['fill-c', at('2025-03-03T14:41:00Z') / 1000, 'X', 'atPriceMiddle'],
    ]);
    expect(markers[0]).toMatchObject({ shape: 'arrowUp', price: 100.5, text: 'Entry buy 2 @ 100.5' });
    expect(markers[2]).toMatchObject({ shape: 'arrowDown', price: 101, text: 'Exit sell 1 @ 101' });
    expect(tradeMarkers(trade, null, '1m', 'UTC', colors)).toHaveLength(3);
  });
});
