import { describe, expect, it } from 'vitest';
import { exactBytes, formatBytes } from './sizes';

describe('formatBytes', () => {
  it('shows small files in bytes and larger ones in decimal units', () => {
    expect(formatBytes(0, 'en-US')).toBe('0 bytes');
    expect(formatBytes(512, 'en-US')).toBe('512 bytes');
    expect(formatBytes(1_839_784, 'en-US')).toBe('1.8 MB');
    expect(formatBytes(24_500_000, 'en-US')).toBe('25 MB');
    expect(formatBytes(3_200_000_000, 'en-US')).toBe('3.2 GB');
  });

  it('moves up a unit instead of showing 1,000 of the smaller one', () => {
    expect(formatBytes(999_960, 'en-US')).toBe('1 MB');
  });

  it('gives the exact count for a tooltip', () => {
    expect(exactBytes(1_839_784, 'en-US')).toBe('1,839,784 bytes');
    expect(exactBytes(1, 'en-US')).toBe('1 byte');
  });
});
