import { describe, expect, it } from 'vitest';
import { currencyChoices, timeZoneChoices } from './choices';

describe('settings choices', () => {
  it('offers UTC and the current zone even when the engine does not list them', () => {
    const zones = timeZoneChoices('Etc/GMT+5');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Etc/GMT+5');
    expect(zones).toContain('America/New_York');
  });

  it('names currencies', () => {
    const usd = currencyChoices('USD', 'en-US').find((c) => c.code === 'USD');
    expect(usd?.label).toBe('USD — US Dollar');
  });
});
