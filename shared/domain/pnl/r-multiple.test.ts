import { describe, expect, it } from 'vitest';
import { computeRMultiple } from './index';

describe('computeRMultiple', () => {
  it('long: risk = |entry − stop| × quantity × multiplier', () => {
    // Risk (100 − 98) × 10 = 20; a 50 net win is 2.5R.
    expect(
      computeRMultiple({
        side: 'long',
        entryPrice: '100',
        stopPrice: '98',
        netPnl: '50',
        quantity: '10',
        multiplier: '1',
      }),
    ).toBe('2.5');
  });

  it('short: the stop sits above the entry; a full stop-out is −1R', () => {
    // Risk (51 − 50) × 100 = 100; net −100 → −1R.
    expect(
      computeRMultiple({
        side: 'short',
        entryPrice: '50',
        stopPrice: '51',
        netPnl: '-100',
        quantity: '100',
        multiplier: '1',
      }),
    ).toBe('-1');
  });

  it('futures include the multiplier (MES: 5 points × 2 contracts × $5 = $50 risk)', () => {
    const r = computeRMultiple({
      side: 'long',
      entryPrice: '6000.25',
      stopPrice: '5995.25',
      netPnl: '33.76',
      quantity: '2',
      multiplier: '5',
    });
    expect(r).toBe('0.6752');
  });

  it('a risk amount wins over the stop', () => {
    const r = computeRMultiple({
      side: 'long',
      entryPrice: '100',
      stopPrice: '98',
      riskAmount: '40',
      netPnl: '35',
      quantity: '10',
      multiplier: '1',
    });
    expect(r).toBe('0.875');
  });

  it('rounds to 4 places', () => {
    expect(
      computeRMultiple({
        side: 'long',
        entryPrice: '10',
        riskAmount: '3',
        netPnl: '1',
        quantity: '1',
        multiplier: '1',
      }),
    ).toBe('0.3333');
  });

  it('is null without a stop or risk, with zero risk, or with a stop on the profit side', () => {
    const base = { side: 'long' as const, entryPrice: '100', netPnl: '10', quantity: '1', multiplier: '1' };
    expect(computeRMultiple(base)).toBeNull();
    expect(computeRMultiple({ ...base, stopPrice: null, riskAmount: null })).toBeNull();
    expect(computeRMultiple({ ...base, stopPrice: '100' })).toBeNull();
    expect(computeRMultiple({ ...base, stopPrice: '101' })).toBeNull();
    expect(computeRMultiple({ ...base, riskAmount: '0' })).toBeNull();
    expect(computeRMultiple({ ...base, side: 'short', stopPrice: '99' })).toBeNull();
  });
});
