import { describe, expect, it } from 'vitest';
import { dot, embedLocal, localDims, textTokens, type EmbedDoc } from './local-embedder';

const trade = (over: Partial<Record<string, string>> = {}, text = ''): EmbedDoc => {
  const f = {
    symbol: 'ES',
    side: 'long',
    playbook: 'opening range breakout',
    hour: '09',
    weekday: 'tue',
    hold: '5-15m',
    r: '1..2',
    outcome: 'win',
    ...over,
  };
  return { features: Object.entries(f).map(([k, v]) => `${k}:${v}`), text };
};

describe('local embedder', () => {
  it('gives the same vector, bit for bit, for the same document', () => {
    const doc = trade({}, 'Waited for the retest, clean entry, took profit at target.');
    const a = embedLocal(doc);
    const b = embedLocal({ features: [...doc.features], text: doc.text });
    expect(a.length).toBe(localDims);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('returns unit vectors, and the zero vector for an empty document', () => {
    expect(dot(embedLocal(trade({}, 'notes here')), embedLocal(trade({}, 'notes here')))).toBeCloseTo(1, 5);
    expect(embedLocal({ features: [], text: '' }).every((v) => v === 0)).toBe(true);
  });

  it('scores a similar trade above a dissimilar one', () => {
    const base = embedLocal(trade({}, 'Chased the breakout after FOMO, stopped out on the pullback'));
    const similar = embedLocal(trade({ r: '0.5..1' }, 'FOMO chase of the breakout again, stopped out'));
    const different = embedLocal(
      trade(
        {
          symbol: 'AAPL',
          side: 'short',
          playbook: 'vwap fade',
          hour: '14',
          weekday: 'fri',
          hold: '1-4h',
          r: '<-2',
          outcome: 'loss',
        },
        'Faded the afternoon rally into VWAP, patient exit',
      ),
    );
    expect(dot(base, similar)).toBeGreaterThan(dot(base, different) + 0.3);
  });

  it('lets note words move the score when the features are equal', () => {
    const base = embedLocal(trade({}, 'revenge trade after a loss, oversized'));
    const sameWords = embedLocal(trade({}, 'oversized revenge trade'));
    const otherWords = embedLocal(trade({}, 'calm, followed the plan exactly'));
    expect(dot(base, sameWords)).toBeGreaterThan(dot(base, otherWords));
  });

  it('tokenises notes into lower-case words without stop words', () => {
    expect(textTokens('The RETEST held; I added at 4510.')).toEqual(['retest', 'held', 'added', '4510']);
  });
});
