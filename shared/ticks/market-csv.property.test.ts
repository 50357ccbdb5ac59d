import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarketCsv } from './market-csv';

const tick = fc.record({
  symbol: fc.stringMatching(/^[A-Z]{1,6}$/),
  ms: fc.integer({ min: Date.parse('2001-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') }),
  cents: fc.integer({ min: 1, max: 10_000_000 }),
  size: fc.integer({ min: 0, max: 100_000 }),
});

describe('parseMarketCsv (properties)', () => {
  it('reads back every tick written as epoch ms or ISO text, in any column order', () => {
    fc.assert(
      fc.property(fc.array(tick, { maxLength: 40 }), fc.boolean(), fc.boolean(), (ticks, iso, reversed) => {
        const columns = reversed ? ['size', 'price', 'time', 'symbol'] : ['symbol', 'time', 'price', 'size'];
        const cell = (t: (typeof ticks)[number], c: string) =>
          c === 'symbol'
            ? t.symbol
            : c === 'time'
              ? iso
                ? new Date(t.ms).toISOString()
                : String(t.ms)
              : c === 'price'
                ? (t.cents / 100).toFixed(2)
                : String(t.size);
        const text = [columns.join(','), ...ticks.map((t) => columns.map((c) => cell(t, c)).join(','))].join('\n');
        const parsed = parseMarketCsv(text, { fileName: 'p.csv', timeZone: 'UTC' });
        expect(parsed.errors).toEqual([]);
        expect(parsed.ticks.map((t) => [t.symbol, t.ts, Math.round(t.price * 100), t.size])).toEqual(
          ticks.map((t) => [t.symbol, t.ms * 1000, t.cents, t.size]),
        );
      }),
      { numRuns: 200 },
    );
  });
});
