import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockDriftError, HybridLogicalClock, compareHlc, formatHlc, parseHlc } from './hlc';

const node = fc.stringMatching(/^[0-9a-f]{16}$/);

describe('hybrid logical clock', () => {
  it('issues strictly increasing timestamps even when the wall clock goes backwards', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 1, maxLength: 200 }),
        (walls) => {
          let i = 0;
          const clock = new HybridLogicalClock('a1', () => walls[i++ % walls.length] ?? 0);
          let prev = '';
          for (let k = 0; k < walls.length; k++) {
            const t = clock.now();
            expect(compareHlc(t, prev)).toBe(1);
            prev = t;
          }
        },
      ),
    );
  });

  it('orders a received event after both the local and the remote history', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000, max: 2_000_000 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: 0, max: 999_998 }),
        (wall, skew, counter) => {
          const clock = new HybridLogicalClock('b2', () => wall);
          const before = clock.now();
          const remote = formatHlc({ ms: wall + skew, counter, node: 'c3' });
          const after = clock.receive(remote);
          expect(compareHlc(after, before)).toBe(1);
          expect(compareHlc(after, remote)).toBe(1);
          expect(compareHlc(clock.now(), after)).toBe(1);
        },
      ),
    );
  });

  it('round-trips through its string form and compares like the tuple (ms, counter, node)', () => {
    const stamp = fc.record({
      ms: fc.integer({ min: 0, max: 99_999_999_999_999 }),
      counter: fc.integer({ min: 0, max: 999_999 }),
      node,
    });
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        expect(parseHlc(formatHlc(a))).toEqual(a);
        const tuple = a.ms - b.ms || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(Math.sign(compareHlc(formatHlc(a), formatHlc(b)))).toBe(Math.sign(tuple));
      }),
    );
  });

  it('refuses a remote clock that runs too far ahead, and keeps its own state', () => {
    const clock = new HybridLogicalClock('d4', () => 1_000_000, 60_000);
    const before = clock.peek();
    expect(() => clock.receive(formatHlc({ ms: 1_000_000 + 60_001, counter: 0, node: 'e5' }))).toThrow(ClockDriftError);
    expect(clock.peek()).toBe(before);
    expect(() => clock.receive(formatHlc({ ms: 1_000_000 + 59_999, counter: 0, node: 'e5' }))).not.toThrow();
  });

  it('resumes after a restart from a persisted timestamp without going backwards', () => {
    const first = new HybridLogicalClock('f6', () => 5_000);
    first.now();
    const saved = first.now();
    const restarted = new HybridLogicalClock('f6', () => 1_000, undefined, saved);
    expect(compareHlc(restarted.now(), saved)).toBe(1);
  });

  it('rejects malformed timestamps', () => {
    expect(() => parseHlc('12-3-x')).toThrow(/Malformed/);
  });
});
