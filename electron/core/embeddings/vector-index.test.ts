import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TradeVectorIndex, type SimilarFilter } from './vector-index';

type Row = { id: string; accountId: string; symbol: string; openedAt: number; vector: Float32Array };

function randomRows(count: number, dims: number, seed: number): Row[] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: count }, (_, i) => {
    const v = Float32Array.from({ length: dims }, next);
    const n = Math.hypot(...v);
    return {
      id: `t${String(i).padStart(5, '0')}`,
      accountId: `a${i % 3}`,
      symbol: ['ES', 'NQ', 'AAPL', 'MSFT'][i % 4]!,
      openedAt: 1_700_000_000_000 + i * 60_000,
      vector: v.map((x) => x / n),
    };
  });
}

/** The obvious answer: score everything that passes the filter, sort, take k. */
function naive(rows: Row[], query: Float32Array, k: number, f: SimilarFilter) {
  return rows
    .filter(
      (r) =>
        r.id !== f.excludeId &&
        (f.accountId === undefined || r.accountId === f.accountId) &&
        (f.symbol === undefined || r.symbol.toUpperCase() === f.symbol.toUpperCase()) &&
        (f.from === undefined || r.openedAt >= f.from) &&
        (f.to === undefined || r.openedAt <= f.to),
    )
    .map((r) => ({ id: r.id, score: r.vector.reduce((s, x, d) => s + query[d]! * x, 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

describe('TradeVectorIndex', () => {
  const dims = 16;
  const rows = randomRows(600, dims, 7);
  const index = new TradeVectorIndex(dims, 4);
  for (const r of rows) index.upsert(r);

  it('finds what a naive exact scan finds, with any mix of filters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: rows.length - 1 }),
        fc.integer({ min: 1, max: 50 }),
        fc.option(fc.constantFrom('a0', 'a1', 'a2', 'nobody'), { nil: undefined }),
        fc.option(fc.constantFrom('ES', 'nq', 'AAPL'), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
        (q, k, accountId, symbol, fromI, toI) => {
          const query = rows[q]!.vector;
          const filter: SimilarFilter = {
            accountId,
            symbol,
            excludeId: rows[q]!.id,
            ...(fromI !== undefined ? { from: 1_700_000_000_000 + fromI * 60_000 } : {}),
            ...(toI !== undefined ? { to: 1_700_000_000_000 + toI * 60_000 } : {}),
          };
          const got = index.search(query, k, filter);
          const want = naive(rows, query, k, filter);
          expect(got.map((g) => g.id)).toEqual(want.map((w) => w.id));
          got.forEach((g, i) => expect(g.score).toBeCloseTo(want[i]!.score, 4));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps answers right after updates and removals', () => {
    const small = new TradeVectorIndex(dims);
    const some = rows.slice(0, 50);
    for (const r of some) small.upsert(r);
    small.remove('t00003');
    small.remove('t00049');
    small.remove('missing');
    const moved = { ...some[10]!, symbol: 'CL', vector: some[20]!.vector };
    small.upsert(moved);
    const left = some.filter((r) => r.id !== 't00003' && r.id !== 't00049').map((r) => (r.id === moved.id ? moved : r));
    expect(small.size).toBe(48);
    const query = some[20]!.vector;
    expect(small.search(query, 48).map((h) => h.id)).toEqual(naive(left, query, 48, {}).map((h) => h.id));
    expect(small.search(query, 5, { symbol: 'cl' }).map((h) => h.id)).toEqual(['t00010']);
    expect(small.get('t00003')).toBeUndefined();
  });

  it('refuses a query of the wrong size', () => {
    expect(() => index.search(new Float32Array(3), 5)).toThrow(/dimensions/);
  });
});
