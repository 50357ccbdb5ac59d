import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { computeRMultiple, type RMultipleInput } from '../../../shared/domain/pnl';
import { R_MULTIPLE_SQL, roundR } from './stats-r';

const db = new Database(':memory:');
const query = db.prepare(
  `SELECT ${R_MULTIPLE_SQL} FROM (SELECT ? AS side, ? AS entry_price, ? AS stop_price, ? AS risk_amount,
     ? AS net_pnl, ? AS quantity, ? AS multiplier) t`,
);
const sqlR = (i: RMultipleInput): string | null =>
  roundR(
    query
      .pluck()
      .get(i.side, i.entryPrice, i.stopPrice ?? null, i.riskAmount ?? null, i.netPnl, i.quantity, i.multiplier) as
      number | null,
  );

const decimal = (max: number, dp: number) =>
  fc.integer({ min: -max * 10 ** dp, max: max * 10 ** dp }).map((n) => (n / 10 ** dp).toFixed(dp));
const positive = (max: number, dp: number) =>
  fc.integer({ min: 1, max: max * 10 ** dp }).map((n) => (n / 10 ** dp).toFixed(dp));

describe('R multiple in SQL', () => {
  afterAll(() => db.close());

  it('agrees with the exact R multiple to within one unit in the last place', () => {
    const input = fc.record<RMultipleInput>({
      side: fc.constantFrom('long', 'short'),
      entryPrice: positive(50_000, 2),
      stopPrice: fc.option(positive(50_000, 2), { nil: null }),
      riskAmount: fc.option(fc.oneof(positive(5_000, 2), fc.constant('0')), { nil: null }),
      netPnl: decimal(100_000, 2),
      quantity: positive(1_000, 0),
      multiplier: fc.constantFrom('1', '5', '50', '0.1'),
    });
    fc.assert(
      fc.property(input, (i) => {
        const exact = computeRMultiple(i);
        const fast = sqlR(i);
        if (exact === null) return fast === null;
        return fast !== null && Math.abs(Number(fast) - Number(exact)) <= 1.000001e-4;
      }),
      { numRuns: 3000 },
    );
  });

  it('rounds ties half away from zero and has no R without a risk on the right side', () => {
    const base = { side: 'long' as const, entryPrice: '100', quantity: '1', multiplier: '1' };
    expect(sqlR({ ...base, riskAmount: '32', netPnl: '1' })).toBe('0.0313');
    expect(sqlR({ ...base, riskAmount: '32', netPnl: '-1' })).toBe('-0.0313');
    expect(sqlR({ ...base, stopPrice: '98', netPnl: '50', quantity: '10' })).toBe('2.5000');
    expect(sqlR({ ...base, stopPrice: '101', netPnl: '50' })).toBeNull();
    expect(sqlR({ ...base, side: 'short', stopPrice: '99', netPnl: '50' })).toBeNull();
    expect(sqlR({ ...base, side: 'short', stopPrice: '102', netPnl: '-100' })).toBe('-50.0000');
    expect(sqlR({ ...base, netPnl: '50' })).toBeNull();
    expect(sqlR({ ...base, riskAmount: '0', netPnl: '50' })).toBeNull();
    expect(sqlR({ ...base, riskAmount: '1000', netPnl: '0.01' })).toBe('0');
  });
});
