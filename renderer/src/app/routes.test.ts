import { describe, expect, it } from 'vitest';
import {
  coachReviewHref,
  hashParams,
  hrefOf,
  journalDayFromHash,
  journalDayHref,
  routeFromHash,
  tradeHref,
  tradeIdFromHash,
  tradesOnDayHref,
} from './routes';

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

  it('carries a day to the trades page in the hash', () => {
    const href = tradesOnDayHref('2024-03-14');
    expect(routeFromHash(href)).toBe('trades');
    expect(hashParams(href).get('day')).toBe('2024-03-14');
    expect(hashParams('#/trades').get('day')).toBeNull();
  });

  it('addresses one trade under the trades page', () => {
    const href = tradeHref('0190a1b2-c3d4');
    expect(href).toBe('#/trades/0190a1b2-c3d4');
    expect(routeFromHash(href)).toBe('trades');
    expect(tradeIdFromHash(href)).toBe('0190a1b2-c3d4');
    expect(tradeIdFromHash('#/trades')).toBeNull();
    expect(tradeIdFromHash('#/trades?day=2024-03-14')).toBeNull();
    expect(tradeIdFromHash('#/journal/abc')).toBeNull();
    expect(tradeIdFromHash(tradeHref('a b/c'))).toBe('a b/c');
  });

  it("addresses the coach's review of one trade", () => {
    const href = coachReviewHref('a b/c');
    expect(routeFromHash(href)).toBe('coach');
    expect(hashParams(href).get('trade')).toBe('a b/c');
  });

  it('addresses one journal day under the journal page', () => {
    const href = journalDayHref('2026-11-20');
    expect(href).toBe('#/journal/2026-11-20');
    expect(routeFromHash(href)).toBe('journal');
    expect(journalDayFromHash(href)).toBe('2026-11-20');
    expect(journalDayFromHash('#/journal')).toBeNull();
    expect(journalDayFromHash('#/journal/2026-11')).toBeNull();
    expect(journalDayFromHash('#/journal/2026-11-200')).toBeNull();
    expect(journalDayFromHash('#/trades/2026-11-20')).toBeNull();
  });
});
