/**
 * The offline embedder: feature hashing of a document's structured features and note
 * tokens into a fixed-size, L2-normalised vector. Pure and deterministic (same document,
 * same vector, bit for bit), no network, microseconds per document.
 */

export const localProvider = 'local';
export const localModel = 'local-features-v1';
export const localDims = 256;

/** What gets embedded: `key:value` features (symbol:ES, side:long, hour:09 …) and free text. */
export type EmbedDoc = { features: readonly string[]; text: string };

/** Structured features outweigh single words: the symbol or setup matter more than one word of the notes. */
const FEATURE_WEIGHT = 1;
/** All note tokens together weigh about as much as this many features. */
const TEXT_WEIGHT = 2;

const stopWords = new Set(
  'a an and are as at be but by for from had has have i in is it its me my of on or so that the then this to was we were with'.split(
    ' ',
  ),
);

/** FNV-1a over UTF-16 code units: stable across runs and platforms, unlike anything seeded. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Lower-case word tokens of a note (letters and digits, two characters or more, no stop words). */
export function textTokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []).filter((t) => !stopWords.has(t));
}

/** One document as a unit vector of `dims` numbers; an empty document gives the zero vector. */
export function embedLocal(doc: EmbedDoc, dims = localDims): Float32Array {
  const sums = new Float64Array(dims);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    // Signed buckets: collisions cancel out on average instead of piling up.
    const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
    sums[h % dims]! += sign * weight;
  };
  for (const feature of doc.features) add(feature, FEATURE_WEIGHT);
  const counts = new Map<string, number>();
  for (const token of textTokens(doc.text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  if (counts.size > 0) {
    // Sub-linear term frequency, then scale so the whole text weighs TEXT_WEIGHT features.
    const weights = [...counts].map(([token, n]) => [token, 1 + Math.log(n)] as const);
    const norm = Math.sqrt(weights.reduce((s, [, w]) => s + w * w, 0));
    for (const [token, w] of weights) add(`w:${token}`, (TEXT_WEIGHT * w) / norm);
  }
  let length = 0;
  for (const v of sums) length += v * v;
  length = Math.sqrt(length);
  const out = new Float32Array(dims);
  if (length === 0) return out;
  for (let i = 0; i < dims; i++) out[i] = sums[i]! / length;
  return out;
}

/** Cosine similarity of two unit vectors (their dot product). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
