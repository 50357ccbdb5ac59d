import { describe, expect, it } from 'vitest';
import { formatScaled, tickScale } from './scaled';

describe('formatScaled', () => {
  it('writes canonical decimals without float noise', () => {
    expect(formatScaled(23017, 2)).toBe('230.17');
    expect(formatScaled(-5850, 2)).toBe('-58.5');
    expect(formatScaled(605025, 2)).toBe('6050.25');
    expect(formatScaled(5, 2)).toBe('0.05');
    expect(formatScaled(0, 2)).toBe('0');
    expect(formatScaled(-1200, 2)).toBe('-12');
  });
  it('reads tick sizes as integer steps', () => {
    expect(tickScale('0.25')).toEqual({ step: 25, decimals: 2 });
    expect(tickScale('0.01')).toEqual({ step: 1, decimals: 2 });
    expect(tickScale('1')).toEqual({ step: 1, decimals: 0 });
  });
});
