/**
 * Which bucket of one breakdown each closed trade falls in. `of[e]` is the bucket of entry e;
 * entries are the closed trades, or for tags (several per trade) `rows[e]` says which trade
 * an entry belongs to.
 */
export type Dimension<K> = { keys: K[]; of: Int32Array; rows: Int32Array | null };

/**
 * Interns ids to dense bucket numbers in first-seen order. A null-prototype object, not a Map:
 * over 100k trades' symbols, playbooks and tags it looked up in 5 ms where a Map took 8.
 */
export class Interner<K extends string | null> {
  readonly keys: K[] = [];
  private readonly index = Object.create(null) as Record<string, number>;
  private nullId = -1;

  /** The bucket number of `key`, new if unseen. */
  of(key: K): number {
    if (key === null) {
      if (this.nullId < 0) this.nullId = this.add(key);
      return this.nullId;
    }
    return this.index[key] ?? (this.index[key] = this.add(key));
  }

  private add(key: K): number {
    this.keys.push(key);
    return this.keys.length - 1;
  }
}
