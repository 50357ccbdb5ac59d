import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber, formatPrice, formatR, toneOf } from './money';

describe('formatMoney', () => {
  it('formats a loss and a gain in the trade currency', () => {
    expect(formatMoney('-58.5', 'USD', 'en-US')).toBe('-$58.50');
    expect(formatMoney('1234.5', 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney('1234.5', 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
  });

  it('keeps every digit of amounts a float cannot hold', () => {
    expect(formatMoney('12345678901234567.12', 'USD', 'en-US')).toBe('$12,345,678,901,234,567.12');
  });

  it('rounds half up on the exact decimal, not on a float', () => {
    // 1.005 is 1.00499999999999989... as a float and would round down.
    expect(formatMoney('1.005', 'USD', 'en-US')).toBe('$1.01');
  });

  it('shows a tiny loss that rounds to zero without a minus sign', () => {
    expect(formatMoney('-0.004', 'USD', 'en-US')).toBe('$0.00');
  });

  it('uses the currency’s own decimals', () => {
    expect(formatMoney('-1234', 'JPY', 'en-US')).toBe('-¥1,234');
  });

  it('falls back to the code for a currency Intl does not know', () => {
    expect(formatMoney('10.5', 'ZZ', 'en-US')).toBe('10.5 ZZ');
  });
});

describe('formatNumber and formatR', () => {
  it('groups prices and keeps small fractions', () => {
    expect(formatNumber('4521.25', 'en-US')).toBe('4,521.25');
    expect(formatNumber('0.0125', 'en-US')).toBe('0.0125');
  });

  it('shortens averaged prices but keeps tick precision', () => {
    expect(formatPrice('21536.08333333', 'en-US')).toBe('21,536.08333');
    expect(formatPrice('118.03125', 'en-US')).toBe('118.03125');
    expect(formatPrice('0.000012345678', 'en-US')).toBe('0.00001235');
    expect(formatPrice('6125', 'en-US')).toBe('6,125');
  });

  it('shows R multiples with a sign and two places', () => {
    expect(formatR('1.254', 'en-US')).toBe('+1.25R');
    expect(formatR('-0.5', 'en-US')).toBe('-0.50R');
    expect(formatR('0', 'en-US')).toBe('0.00R');
  });
});

describe('toneOf', () => {
  it('reads gain, loss and flat from the string', () => {
    expect(toneOf('12.5')).toBe('gain');
    expect(toneOf('-0.01')).toBe('loss');
    expect(toneOf('0')).toBe('flat');
    expect(toneOf('-0.00')).toBe('flat');
  });
});
