import type { TradeVector } from './cache';

/** Filters of a similar-trades search; `from`/`to` bound opened_at (epoch ms, inclusive). */
export type SimilarFilter = {
  accountId?: string | undefined;
  symbol?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Leave this trade out (the one searched from). */
  excludeId?: string | undefined;
};

export type ScoredId = { id: string; score: number };

/** Small dictionary of strings to integer codes, so filters compare integers in the scan. */
class Codes {
  private readonly byName = new Map<string, number>();
  code(name: string): number {
    let c = this.byName.get(name);
    if (c === undefined) this.byName.set(name, (c = this.byName.size));
    return c;
  }
  find(name: string): number | undefined {
    return this.byName.get(name);
  }
}

/**
 * Trade vectors of one space in one Float32Array, scanned exactly. Chosen by measurement
 * (scripts/bench/similar.ts, 100k trades × 256 dims, a 2-core machine shared with other work),
 * top-10 median:
 *   this scan             no filter 31 ms, account 23 ms, symbol 12 ms, account + 90 days 2 ms
 *   pgvector exact (PGlite)        2002 ms,        725 ms,        195 ms,                  19 ms
 *   pgvector HNSW (PGlite)          292 ms,        197 ms,         43 ms,                  22 ms
 *                                   (recall 0.99-1.00; the index took 345 s to build)
 * Only this scan meets the 50 ms budget, and it is exact, so filters never cost recall.
 * Memory: 1 KB per trade at 256 dims (100 MB at 100k); 3 KB at Gemini's 768.
 */
export class TradeVectorIndex {
  private ids: string[] = [];
  private readonly slots = new Map<string, number>();
  private vectors: Float32Array;
  private accounts: Int32Array;
  private symbols: Int32Array;
  private openedAt: Float64Array;
  private readonly accountCodes = new Codes();
  private readonly symbolCodes = new Codes();

  constructor(
    readonly dims: number,
    capacity = 1024,
  ) {
    this.vectors = new Float32Array(capacity * dims);
    this.accounts = new Int32Array(capacity);
    this.symbols = new Int32Array(capacity);
    this.openedAt = new Float64Array(capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  /** A copy of one trade's vector, or undefined when it has none. */
  get(id: string): Float32Array | undefined {
    const slot = this.slots.get(id);
    if (slot === undefined) return undefined;
    return this.vectors.slice(slot * this.dims, (slot + 1) * this.dims);
  }

  upsert(row: TradeVector): void {
    if (row.vector.length !== this.dims)
      throw new Error(`a vector has ${row.vector.length} dimensions, expected ${this.dims}`);
    let slot = this.slots.get(row.id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.grow(slot + 1);
      this.ids.push(row.id);
      this.slots.set(row.id, slot);
    }
    this.vectors.set(row.vector, slot * this.dims);
    this.accounts[slot] = this.accountCodes.code(row.accountId);
    this.symbols[slot] = this.symbolCodes.code(row.symbol.toUpperCase());
    this.openedAt[slot] = row.openedAt;
  }

  /** Drop a trade: the last slot moves into its place, so the arrays stay dense. */
  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const last = this.ids.length - 1;
    const lastId = this.ids[last]!;
    if (slot !== last) {
      this.vectors.copyWithin(slot * this.dims, last * this.dims, (last + 1) * this.dims);
      this.accounts[slot] = this.accounts[last]!;
      this.symbols[slot] = this.symbols[last]!;
      this.openedAt[slot] = this.openedAt[last]!;
      this.ids[slot] = lastId;
      this.slots.set(lastId, slot);
    }
    this.ids.pop();
    this.slots.delete(id);
  }

  /** The k trades closest to `query` (cosine; vectors are unit length) that pass the filter, best first. */
  search(query: ArrayLike<number>, k: number, filter: SimilarFilter = {}): ScoredId[] {
    if (query.length !== this.dims) throw new Error(`the query has ${query.length} dimensions, expected ${this.dims}`);
    const account = filter.accountId === undefined ? -1 : (this.accountCodes.find(filter.accountId) ?? -2);
    const symbol = filter.symbol === undefined ? -1 : (this.symbolCodes.find(filter.symbol.toUpperCase()) ?? -2);
    if (account === -2 || symbol === -2 || k <= 0) return [];
    const from = filter.from ?? -Infinity;
    const to = filter.to ?? Infinity;
    const exclude = filter.excludeId === undefined ? -1 : (this.slots.get(filter.excludeId) ?? -1);
    const q = Float32Array.from(query);
    // Locals, not fields, in the hot loop: V8 keeps them in registers.
    const { dims, vectors, accounts, symbols, openedAt } = this;
    const tail = dims - (dims % 4);
    // Top k kept sorted, best first; k is small (≤ 50), so insertion beats a heap.
    const topScores: number[] = [];
    const topSlots: number[] = [];
    for (let slot = 0, n = this.ids.length; slot < n; slot++) {
      if (slot === exclude) continue;
      if (account >= 0 && accounts[slot] !== account) continue;
      if (symbol >= 0 && symbols[slot] !== symbol) continue;
      const at = openedAt[slot]!;
      if (at < from || at > to) continue;
      const base = slot * dims;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let d = 0; d < tail; d += 4) {
        s0 += q[d]! * vectors[base + d]!;
        s1 += q[d + 1]! * vectors[base + d + 1]!;
        s2 += q[d + 2]! * vectors[base + d + 2]!;
        s3 += q[d + 3]! * vectors[base + d + 3]!;
      }
      for (let d = tail; d < dims; d++) s0 += q[d]! * vectors[base + d]!;
      const score = s0 + s1 + s2 + s3;
      if (topScores.length === k && score <= topScores[k - 1]!) continue;
      let i = topScores.length === k ? k - 1 : topScores.length;
      while (i > 0 && topScores[i - 1]! < score) {
        topScores[i] = topScores[i - 1]!;
        topSlots[i] = topSlots[i - 1]!;
        i--;
      }
      topScores[i] = score;
      topSlots[i] = slot;
    }
    return topSlots.map((slot, i) => ({ id: this.ids[slot]!, score: topScores[i]! }));
  }

  private grow(needed: number): void {
    if (needed <= this.accounts.length) return;
    const capacity = Math.max(needed, this.accounts.length * 2);
    const vectors = new Float32Array(capacity * this.dims);
    vectors.set(this.vectors);
    this.vectors = vectors;
    for (const key of ['accounts', 'symbols'] as const) {
      const next = new Int32Array(capacity);
      next.set(this[key]);
      this[key] = next;
    }
    const openedAt = new Float64Array(capacity);
    openedAt.set(this.openedAt);
    this.openedAt = openedAt;
  }
}
