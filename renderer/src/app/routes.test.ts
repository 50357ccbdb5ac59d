import { describe, expect, it } from 'vitest';
import { hrefOf, routeFromHash } from './routes';

describe('hash routes', () => {
  it('reads the page from the hash', () => {
    expect(routeFromHash('#/trades')).toBe('trades');
    expect(routeFromHash('#/settings/accounts')).toBe('settings');
    expect(routeFromHash('#settings')).toBe('settings');
    expect(hrefOf('import')).toBe('#/import');
  });

  it('falls back to the dashboard for an empty or unknown hash', () => {
    expect(routeFromHash('')).toBe('dashboard');
    expect(routeFromHash('#/')).toBe('dashboard');
    expect(routeFromHash('#/nope')).toBe('dashboard');
  });
});
