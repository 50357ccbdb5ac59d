import { describe, expect, it } from 'vitest';
import { providerLine } from './provider-line';

describe('coach provider line', () => {
  it('names the model after a Gemini answer, and the reason after a fallback', () => {
    expect(providerLine(undefined, { provider: 'gemini', model: 'gemini-2.5-flash' })).toBe(
      'Gemini (gemini-2.5-flash)',
    );
    expect(
      providerLine(
        { activeProvider: 'gemini', model: 'gemini-2.5-flash', reason: null },
        { provider: 'local', fallbackReason: 'Gemini did not answer in time' },
      ),
    ).toBe('Local coach — Gemini did not answer in time');
  });

  it('before any answer, says who will answer and why not Gemini', () => {
    expect(providerLine({ activeProvider: 'local', model: 'm', reason: 'no Gemini API key is set' }, null)).toBe(
      'Local coach — no Gemini API key is set',
    );
    expect(providerLine({ activeProvider: 'gemini', model: 'gemini-2.5-pro', reason: null }, null)).toBe(
      'Gemini (gemini-2.5-pro) — the local coach answers if it fails',
    );
    expect(providerLine(undefined, null)).toBe('Local coach — works offline');
  });
});
