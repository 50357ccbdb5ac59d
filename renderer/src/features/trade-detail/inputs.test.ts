import { describe, expect, it } from 'vitest';
import { formatHolding, newLabel, parsePositiveDecimal } from './inputs';

describe('decimal boxes', () => {
  it('accepts plain, grouped and half-written numbers as contract decimals', () => {
    expect(parsePositiveDecimal('4521.25')).toEqual({ ok: true, value: '4521.25' });
    expect(parsePositiveDecimal(' 4,521.25 ')).toEqual({ ok: true, value: '4521.25' });
    expect(parsePositiveDecimal('.5')).toEqual({ ok: true, value: '0.5' });
    expect(parsePositiveDecimal('12.')).toEqual({ ok: true, value: '12' });
    expect(parsePositiveDecimal('007.10')).toEqual({ ok: true, value: '7.10' });
  });

  it('treats an empty box as clearing the field', () => {
    expect(parsePositiveDecimal('   ')).toEqual({ ok: true, value: null });
  });

  it('refuses zero, negatives and text with a message', () => {
    for (const text of ['0', '0.000', '-5', 'abc', '1.2.3', '45,21', '.']) {
      const parsed = parsePositiveDecimal(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^Enter a number/);
    }
  });
});

describe('holding time', () => {
  it('shows the two largest units', () => {
    expect(formatHolding(45_000)).toBe('45s');
    expect(formatHolding(12 * 60_000 + 5_000)).toBe('12m 5s');
    expect(formatHolding(2 * 3_600_000 + 14 * 60_000)).toBe('2h 14m');
    expect(formatHolding(3 * 86_400_000 + 4 * 3_600_000 + 59_000)).toBe('3d 4h');
  });
});

describe('labels', () => {
  it('trims a new label and refuses a duplicate in any case', () => {
    expect(newLabel('  FOMO  entry ', [])).toBe('FOMO entry');
    expect(newLabel('fomo', ['FOMO'])).toBeNull();
    expect(newLabel('  ', [])).toBeNull();
  });
});
