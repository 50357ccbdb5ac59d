import { afterEach, describe, expect, it } from 'vitest';
import { systemTimeZone } from './settings';

describe('systemTimeZone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('keeps its answer for a minute, then sees the computer move to another zone', () => {
    process.env.TZ = 'America/New_York';
    const t0 = 1_000_000_000_000;
    expect(systemTimeZone(t0 + 120_000)).toBe('America/New_York');
    process.env.TZ = 'Asia/Tokyo';
    expect(systemTimeZone(t0 + 150_000)).toBe('America/New_York');
    expect(systemTimeZone(t0 + 180_000)).toBe('Asia/Tokyo');
  });
});
