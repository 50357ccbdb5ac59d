import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TradeFilter } from '../../contract/trades';
import { compare } from '../money';
import { formatScaled } from '../pnl/fixed';
import { computeStats } from './compute-stats';
import { filterPositions, filterTrades, outcomeOf } from './filter';
import { naiveStats } from './naive-stats.test-kit';
import { PreparedStats } from './prepared';
import type { StatsOptions, StatsTrade } from './types';

// computeStats (scaled integers, typed arrays, cached zone offsets) against naiveStats (big.js,
// Intl per trade, one loop per figure): every figure of random journals must agree.

const MINUTE = 60_000;
const DAY = 86_400_000;
// New York's switches to and from daylight time, and a London one: trades cluster around them.
const SWITCHES = ['2024-03-10T07:00:00Z', '2024-11-03T06:00:00Z', '2025-03-30T01:00:00Z'].map(Date.parse);

/** A decimal string with up to `places` places, sometimes padded with zeros ("12.50", "-0.00"). */
function decimal(min: bigint, max: bigint, places: number) {
  return fc
    .tuple(fc.bigInt({ min, max }), fc.integer({ min: 0, max: places }), fc.integer({ min: 0, max: 2 }))
    .map(([units, scale, pad]) => {
      const text = formatScaled(units, scale);
      if (pad === 0) return text;
      return text.includes('.') ? text + '0'.repeat(pad) : `${text}.${'0'.repeat(pad)}`;
    });
}

const instant = fc
  .tuple(fc.constantFrom(...SWITCHES), fc.integer({ min: -3 * DAY, max: 3 * DAY }))
  .map(([base, delta]) => base + delta);

const holdMs = fc.oneof(
  fc.integer({ min: 0, max: MINUTE - 1 }),
  fc.integer({ min: 0, max: 6 * 60 * MINUTE }),
  fc.integer({ min: 0, max: 3 * DAY }),
  // Exactly on a holding-bucket edge.
  fc.constantFrom(MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 240 * MINUTE, DAY),
);

const rMultiple = fc.option(
  fc.oneof(decimal(-60_000n, 60_000n, 4), fc.constantFrom('-3', '-1', '-0.5', '0', '0.5', '2.9999', '3')),
  { nil: null, freq: 3 },
);

/** Money up to ±$5k with up to two places: the Number fast path. */
const cents = decimal(-500_000n, 500_000n, 2);
/** Up to 10^14 with up to 12 places: sums no double holds exactly, so the BigInt path. */
const wide = decimal(-(10n ** 14n), 10n ** 14n, 12);

function journalOf(money: fc.Arbitrary<string>) {
  const row = fc.record({
    id: fc.stringMatching(/^[a-z0-9]{1,4}$/),
    accountId: fc.constantFrom('acct-1', 'acct-2', 'acct-3'),
    symbol: fc.constantFrom('AAPL', 'aapl', 'MSFT', 'ESZ5'),
    side: fc.constantFrom('long' as const, 'short' as const),
    status: fc.constantFrom('closed' as const, 'closed' as const, 'closed' as const, 'open' as const),
    openedAt: instant,
    hold: holdMs,
    // Some closes land on whole minutes so that close times tie (the id breaks the tie).
    snap: fc.boolean(),
    netPnl: fc.oneof(money, fc.constantFrom('0', '-0.00')),
    grossPnl: money,
    fees: money,
    rMultiple,
    playbookId: fc.constantFrom(null, 'pb-1', 'pb-2', 'pb-3'),
    tagIds: fc.uniqueArray(fc.constantFrom('tag-a', 'tag-b', 'tag-c'), { maxLength: 3 }),
  });
  return fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 40 }).map((rows) =>
    rows.map(({ hold, snap, ...r }): StatsTrade => {
      const close = snap ? Math.floor((r.openedAt + hold) / MINUTE) * MINUTE : r.openedAt + hold;
      return { ...r, quantity: '1', closedAt: r.status === 'open' ? null : Math.max(close, r.openedAt) };
    }),
  );
}

const options: fc.Arbitrary<StatsOptions> = fc
  .record({
    timeZone: fc.constantFrom('America/New_York', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'UTC'),
    initialEquity: fc.option(decimal(-100_000n, 10_000_000n, 2), { nil: undefined }),
  })
  .map(({ timeZone, initialEquity }) => (initialEquity === undefined ? { timeZone } : { timeZone, initialEquity }));

/** Deep equality where non-integer numbers may differ in the last bits (two float paths). */
function expectSame(actual: unknown, expected: unknown, path = 'stats'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    if (!(Math.abs(actual - expected) <= tolerance)) expect.fail(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    expect(actual.length, `${path}.length`).toBe(expected.length);
    expected.forEach((value, i) => expectSame(actual[i], value, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    expect(Object.keys(actual).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      expectSame((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('computeStats agrees with the naive implementation', () => {
  it('on journals with cents (Number path)', () => {
    fc.assert(
      fc.property(journalOf(cents), options, (trades, opts) => {
        expectSame(computeStats(trades, opts), naiveStats(trades, opts));
      }),
      { numRuns: 150 },
    );
  });

  it('on journals with 12 decimal places and huge sums (BigInt path)', () => {
    fc.assert(
      fc.property(journalOf(wide), options, (trades, opts) => {
        expectSame(computeStats(trades, opts), naiveStats(trades, opts));
      }),
      { numRuns: 60 },
    );
  });

  it('whatever order the trades arrive in', () => {
    fc.assert(
      fc.property(
        journalOf(cents).chain((trades) =>
          fc.tuple(fc.constant(trades), fc.shuffledSubarray(trades, { minLength: trades.length })),
        ),
        ([trades, shuffled]) => {
          expect(computeStats(shuffled, { timeZone: 'America/New_York' })).toEqual(
            computeStats(trades, { timeZone: 'America/New_York' }),
          );
        },
      ),
      { numRuns: 80 },
    );
  });
});

const filter: fc.Arbitrary<TradeFilter> = fc.record(
  {
    from: instant,
    to: instant,
    accountIds: fc.uniqueArray(fc.constantFrom('acct-1', 'acct-2', 'acct-9'), { maxLength: 2 }),
    symbol: fc.constantFrom('aapl', 'AAPL', 'msft', 'NQ'),
    side: fc.constantFrom('long' as const, 'short' as const),
    tagId: fc.constantFrom('tag-a', 'tag-b'),
    playbookId: fc.constantFrom('pb-1', 'pb-2'),
    outcome: fc.constantFrom('win' as const, 'loss' as const, 'breakeven' as const),
    status: fc.constantFrom('open' as const, 'closed' as const),
  },
  { requiredKeys: [] },
);

/** The SQL filter's meaning, written out again: each clause as its own plain test. */
function matches(t: StatsTrade, f: TradeFilter): boolean {
  const net = compare(t.netPnl, '0');
  const outcome = net > 0 ? 'win' : net < 0 ? 'loss' : 'breakeven';
  if (f.from !== undefined && t.openedAt < f.from) return false;
  if (f.to !== undefined && t.openedAt > f.to) return false;
  if (f.accountIds !== undefined && f.accountIds.length > 0 && !f.accountIds.includes(t.accountId)) return false;
  // `t.symbol = upper(?)`: a stored lower-case symbol (never written by the app) matches nothing.
  if (f.symbol !== undefined && t.symbol !== f.symbol.toUpperCase()) return false;
  if (f.side !== undefined && t.side !== f.side) return false;
  if (f.tagId !== undefined && !t.tagIds.includes(f.tagId)) return false;
  if (f.playbookId !== undefined && t.playbookId !== f.playbookId) return false;
  if (f.outcome !== undefined && outcome !== f.outcome) return false;
  return f.status === undefined || t.status === f.status;
}

describe('every filter applies the same way to every figure', () => {
  it('stats of filterTrades equal naive stats of the plainly filtered journal', () => {
    fc.assert(
      fc.property(journalOf(cents), filter, (trades, f) => {
        const opts = { timeZone: 'America/New_York', initialEquity: '25000' };
        const kept = filterTrades(trades, f);
        expect(kept).toEqual(trades.filter((t) => matches(t, f)));
        expectSame(computeStats(kept, opts), naiveStats(kept, opts));
      }),
      { numRuns: 150 },
    );
  });

  it('stats picked from a journal read once (PreparedStats) equal stats of the filtered journal', () => {
    const byNet = (t: StatsTrade) => outcomeOf(t.netPnl);
    fc.assert(
      fc.property(fc.oneof(journalOf(cents), journalOf(wide)), filter, options, (trades, f, opts) => {
        const prepared = new PreparedStats(trades);
        const kept = filterTrades(trades, f);
        const picked = prepared.stats(filterPositions(trades, f, byNet), opts);
        expect(picked).toEqual(computeStats(kept, opts));
        expectSame(picked, naiveStats(kept, opts));
        // The same columns serve every selection, in any order of asking.
        expect(prepared.stats(null, opts)).toEqual(computeStats(trades, opts));
      }),
      { numRuns: 150 },
    );
  });
});
