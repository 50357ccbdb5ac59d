import { defaultResilience, geminiPolicy, type ResilienceOptions } from '../coach/gemini-resilience';
import type { Space } from './cache';
import type { EmbedTarget } from './content';
import { geminiEmbed } from './gemini-embedder';
import { embedLocal, localDims, localModel, localProvider } from './local-embedder';

/** Turns documents into vectors of one space; the same interface for Gemini and the local embedder. */
export type Embedder = {
  readonly space: Space;
  embed(targets: readonly EmbedTarget[], signal: AbortSignal): Promise<Float32Array[]>;
};

export const localSpace: Space = { provider: localProvider, model: localModel, dims: localDims };
export const geminiEmbeddingModel = 'gemini-embedding-001';
export const geminiSpace: Space = { provider: 'gemini', model: geminiEmbeddingModel, dims: 768 };
/** Texts per batchEmbedContents call. */
const GEMINI_BATCH = 100;

export const localEmbedder: Embedder = {
  space: localSpace,
  embed: (targets) => Promise.resolve(targets.map((t) => embedLocal(t.doc, localSpace.dims))),
};

/**
 * Gemini embeddings under the coach's resilience policy (retry, breaker, timeout). The
 * breaker lives as long as this object, so keep one per service.
 */
export function geminiEmbedder(
  apiKey: () => Promise<string | null>,
  baseUrl: () => string,
  resilience: Partial<ResilienceOptions> = {},
): Embedder {
  const { policy } = geminiPolicy({ ...defaultResilience, ...resilience });
  return {
    space: geminiSpace,
    async embed(targets, signal) {
      const key = await apiKey();
      if (!key) throw new Error('no Gemini API key is set');
      const out: Float32Array[] = [];
      for (let i = 0; i < targets.length; i += GEMINI_BATCH) {
        const texts = targets.slice(i, i + GEMINI_BATCH).map((t) => t.content);
        const vectors = await policy.execute(
          ({ signal: attempt }) =>
            geminiEmbed(texts, {
              apiKey: key,
              baseUrl: baseUrl(),
              model: geminiSpace.model,
              dims: geminiSpace.dims,
              signal: AbortSignal.any([signal, attempt]),
            }),
          signal,
        );
        // Gemini returns unit vectors only at 3072 dims; normalise so dot products are cosines.
        out.push(...vectors.map(unit));
      }
      return out;
    },
  };
}

function unit(values: number[]): Float32Array {
  const length = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
  return Float32Array.from(values, (v) => v / length);
}
