import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids';

describe('uuidv7', () => {
  it('is a well-formed version 7 UUID carrying its creation time', () => {
    const at = Date.parse('2026-01-02T03:04:05.678Z');
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });
  it('sorts by creation time and does not repeat', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => uuidv7(1_700_000_000_000 + Math.floor(i / 10)));
    expect(new Set(ids).size).toBe(ids.length);
    const byMs = ids.filter((_, i) => i % 10 === 0);
    expect([...byMs].sort()).toEqual(byMs);
  });
});
