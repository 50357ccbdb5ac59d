import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids';

describe('uuidv7', () => {
  it('is a well-formed version 7 UUID carrying its creation time', () => {
    const at = Date.parse('2030-01-02T03:04:05.678Z');
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });
  it('is strictly increasing in creation order, within a millisecond and when the clock steps back', () => {
    const times = Array.from(
      { length: 50_000 },
      (_, i) => 1_800_000_000_000 + Math.floor(i / 100) - (i % 7 === 0 ? 5 : 0),
    );
    const ids = times.map((ms) => uuidv7(ms));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // Well-formed across many refills of the random pool (each id takes 19 of its 32k digits).
    expect(
      ids.filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)),
    ).toEqual([]);
    // The last 11 digits are random: 50k ids share almost none of them.
    expect(new Set(ids.map((id) => id.slice(-11))).size).toBeGreaterThan(49_990);
  });
});
