import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../money';
import { formatScaled } from '../pnl/fixed';
import { computeStats } from './compute-stats';
import { formatUnits, PlainColumn, plainMoney, unitsToNumber } from './money-columns';
import { Scratch } from './scratch';
import type { StatsTrade } from './types';

const row = (id: string, netPnl: string, closedAt: number): StatsTrade => ({
  id,
  accountId: 'a',
  symbol: 'X',
  side: 'long',
  status: 'closed',
  openedAt: 0,
  closedAt,
  netPnl,
  grossPnl: netPnl,
  fees: '0',
  rMultiple: null,
  playbookId: null,
  tagIds: [],
  quantity: '1',
});

describe('money columns', () => {
  it('formatUnits writes numbers as formatScaled writes BigInts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 15 }),
        (units, scale) => {
          expect(formatUnits(units, scale)).toBe(formatScaled(BigInt(units), scale));
        },
      ),
    );
  });

  it('reads plain decimals as brokers pad them, at the largest scale present', () => {
    // "1.5" before "12.50": rows already read are rescaled when more places turn up.
    const texts = ['1.5', '12.50', '-.5', '5.', '007', '-0.00'];
    const scratch = new Scratch();
    const columns = [new PlainColumn(scratch, 6), new PlainColumn(scratch, 6), new PlainColumn(scratch, 6)] as const;
    texts.forEach((text, k) => columns.forEach((c) => c.read(k, text)));
    const money = plainMoney(...columns, 6);
    if (money?.kind !== 'number') return expect.fail('expected number columns');
    expect(money.scale).toBe(2);
    expect(Array.from(money.net, (u) => formatUnits(u, 2))).toEqual(texts.map((t) => formatDecimal(t)));
  });

  it('falls back to BigInts for exponents, long digits and sums past 2^53, staying exact', () => {
    const cases: [string[], string][] = [
      [['1e-3', '2'], '2.001'],
      [['1234567890.123456', '0.000001'], '1234567890.123457'],
      [['90071992547409.91', '0.01'], '90071992547409.92'],
    ];
    for (const [nets, total] of cases) {
      const trades = nets.map((net, i) => row(`t${i}`, net, i));
      const { summary, series } = computeStats(trades, { timeZone: 'UTC' });
      expect(summary.netPnl).toBe(total);
      expect(series.equity.equity[nets.length - 1]).toBeCloseTo(Number(total), 0);
    }
  });
});

describe('close order', () => {
  it('breaks ties by id and takes any time range (a comparator sort past 2^42 ms)', () => {
    const far = 8_000_000_000_000_000; // ~year 255,000: past what the radix sort covers
    const trades = [row('b', '1', 5), row('a', '-2', 5), row('z', '4', far), row('c', '8', 0.5), row('y', '16', -far)];
    const { series } = computeStats(trades, { timeZone: 'UTC' });
    expect(series.equity.tradeIds).toEqual(['y', 'c', 'a', 'b', 'z']);
    expect(series.equity.equity).toEqual([16, 24, 22, 23, 27]);
  });
});

describe('unitsToNumber', () => {
  it('gives the double nearest the amount at any scale, also for BigInt units past 2^53', () => {
    // Found by the PreparedStats property test: a 12-place column made this 20276022429901.004.
    expect(unitsToNumber(20_276_022_429_901n * 10n ** 12n, 12)).toBe(20_276_022_429_901);
    expect(unitsToNumber(-20_276_022_429_901_500_000_000_000n, 12)).toBe(-20_276_022_429_901.5);
    expect(unitsToNumber(1234n, 2)).toBe(12.34);
    expect(unitsToNumber(-1234, 2)).toBe(-12.34);
  });
});
