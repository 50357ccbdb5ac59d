import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiDouble, type GeminiDouble } from '../../../tests/support/gemini-double';
import { GeminiHttpError, GeminiMalformedError } from '../coach/gemini-resilience';
import { geminiEmbed } from './gemini-embedder';

describe('Gemini embeddings against the loopback double', () => {
  let double: GeminiDouble | undefined;
  afterEach(async () => double?.close());

  it('embeds a batch in one batchEmbedContents call, asking for the configured size', async () => {
    double = await startGeminiDouble('k', 8);
    const vectors = await geminiEmbed(['long ES breakout', 'short NQ fade'], {
      apiKey: 'k',
      baseUrl: double.baseUrl,
      dims: 8,
    });
    expect(vectors.map((v) => v.length)).toEqual([8, 8]);
    expect(double.requests).toHaveLength(1);
    expect(double.requests[0]?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(JSON.stringify(double.requests[0]?.body)).toContain('"outputDimensionality":8');
  });

  it('refuses vectors of the wrong dimensions instead of caching them', async () => {
    double = await startGeminiDouble('k', 8);
    double.always = { kind: 'wrongDimensions', dims: 5 };
    await expect(geminiEmbed(['a', 'b'], { apiKey: 'k', baseUrl: double.baseUrl, dims: 8 })).rejects.toThrow(
      new GeminiMalformedError('an embedding has 5 dimensions, expected 8'),
    );
  });

  it('surfaces a rate limit with its Retry-After for the retry policy', async () => {
    double = await startGeminiDouble('k', 8);
    double.always = { kind: 'rateLimited', retryAfterSeconds: 7 };
    const failure = await geminiEmbed(['a'], { apiKey: 'k', baseUrl: double.baseUrl, dims: 8 }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(GeminiHttpError);
    expect(failure).toMatchObject({ status: 429, retryAfterMs: 7_000 });
  });
});
