import { describe, expect, it } from 'vitest';
import { computeExcursions, type ExcursionTrade, type Tick } from './excursions';

const OPEN = 1_700_000_000_000;
const CLOSE = OPEN + 60_000;
const us = (ms: number) => ms * 1000;

// An ES future: 50 dollars a point, two contracts.
const long: ExcursionTrade = {
  side: 'long',
  entryPrice: '4500.25',
  exitPrice: '4503.5',
  quantity: '2',
  multiplier: '50',
  openedAt: OPEN,
  closedAt: CLOSE,
};

const ticks: Tick[] = [
  { ts: us(OPEN) - 1, price: 4400 }, // before the open: ignored
  { ts: us(OPEN), price: 4500.25 },
  { ts: us(OPEN) + 10_000_000, price: 4498.75 }, // 1.5 points against a long
  { ts: us(OPEN) + 30_000_000, price: 4505 }, // 4.75 points for a long
  { ts: us(CLOSE), price: 4503.5 },
  { ts: us(CLOSE) + 1, price: 4600 }, // after the close: ignored
];

describe('computeExcursions', () => {
  it('a long: MAE below the entry, MFE above, in points and dollars', () => {
    expect(computeExcursions(long, ticks)).toEqual({
      ticks: 4,
      mae: { points: '1.5', amount: '150' },
      mfe: { points: '4.75', amount: '475' },
      // Exited 3.25 points up of a best 4.75.
      efficiency: 3.25 / 4.75,
    });
  });

  it('a short mirrors it', () => {
    const short = { ...long, side: 'short' as const, exitPrice: '4499' };
    expect(computeExcursions(short, ticks)).toEqual({
      ticks: 4,
      mae: { points: '4.75', amount: '475' },
      mfe: { points: '1.5', amount: '150' },
      efficiency: 1.25 / 1.5,
    });
  });

  it('counts the exit fill as seen, so sparse ticks cannot leave MFE below the realised move', () => {
    const result = computeExcursions({ ...long, exitPrice: '4510' }, ticks);
    expect(result.mfe.points).toBe('9.75');
    expect(result.efficiency).toBe(1);
  });

  it('efficiency is null when price never moved in favour, or the trade is still open', () => {
    const flat = computeExcursions({ ...long, exitPrice: '4500.25' }, [{ ts: us(OPEN), price: 4499 }]);
    expect(flat).toMatchObject({ mfe: { points: '0', amount: '0' }, efficiency: null });
    const open = computeExcursions({ ...long, exitPrice: null, closedAt: null }, ticks);
    // Still open: every tick from the open on counts, including the one at 4600.
    expect(open).toMatchObject({ ticks: 5, mfe: { points: '99.75' }, efficiency: null });
  });

  it('without ticks in the window, only the exit price speaks', () => {
    expect(computeExcursions(long, [])).toEqual({
      ticks: 0,
      mae: { points: '0', amount: '0' },
      mfe: { points: '3.25', amount: '325' },
      efficiency: 1,
    });
  });

  it('reads float tick prices as the decimals they print as (no 0.1 + 0.2 drift)', () => {
    const fx: ExcursionTrade = { ...long, entryPrice: '1.1', exitPrice: '1.2', quantity: '100000', multiplier: '1' };
    const result = computeExcursions(fx, [{ ts: us(OPEN) + 5, price: 1.3 }]);
    expect(result.mfe).toEqual({ points: '0.2', amount: '20000' });
    expect(result.efficiency).toBe(0.5);
  });
});
