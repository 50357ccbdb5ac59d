import { geminiClient } from '../coach/gemini-client';
import { GeminiMalformedError } from '../coach/gemini-resilience';

export type GeminiEmbedOptions = {
  apiKey: string;
  baseUrl: string;
  /** Default gemini-embedding-001 (DESIGN §5). */
  model?: string;
  /** The vector size the cache and index are built for; any other size is refused. */
  dims: number;
  signal?: AbortSignal;
};

/**
 * Embed texts in one `batchEmbedContents` call. A response with the wrong number of vectors
 * or the wrong dimensions is refused (GeminiMalformedError), so it can never enter a cache
 * keyed by (provider, model, dims). Wrap calls in the coach's resilience policy.
 */
export async function geminiEmbed(texts: string[], options: GeminiEmbedOptions): Promise<number[][]> {
  if (texts.length === 0) return [];
  const client = await geminiClient(options.apiKey, options.baseUrl);
  let response;
  try {
    response = await client.models.embedContent({
      model: options.model ?? 'gemini-embedding-001',
      contents: texts,
      config: { outputDimensionality: options.dims, ...(options.signal ? { abortSignal: options.signal } : {}) },
    });
  } catch (error) {
    if (error instanceof SyntaxError) throw new GeminiMalformedError(error.message);
    throw error;
  }
  const vectors = (response.embeddings ?? []).map((e) => e.values ?? []);
  if (vectors.length !== texts.length)
    throw new GeminiMalformedError(`${vectors.length} embeddings came back for ${texts.length} texts`);
  const wrong = vectors.find((v) => v.length !== options.dims);
  if (wrong) throw new GeminiMalformedError(`an embedding has ${wrong.length} dimensions, expected ${options.dims}`);
  return vectors;
}
