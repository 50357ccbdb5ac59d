import type { BulkSnapshot, CopyLayout } from './bulk-local';

/** Pages built ahead are held up to this many bytes (a part of a very large journal waits). */
const AHEAD_LIMIT = 64 * 1024 * 1024;

type Page = { part: number; bytes: Buffer; rows: number };

/**
 * The COPY text of a snapshot's parts, page by page, in part order. Building a page is
 * work on the core's thread and the server's upsert of the previous part is work on the
 * server: `ahead` builds the next part's pages while a statement or a COPY runs, so the two
 * overlap instead of taking turns.
 */
export class CopyPages {
  private readonly queue: Page[] = [];
  private part = 0;
  private after = 0;
  private held = 0;

  constructor(
    private readonly snapshot: BulkSnapshot,
    private readonly pageSize: number,
    private readonly checkpoint: () => void | Promise<void>,
    private readonly layout: (part: number) => CopyLayout,
  ) {}

  /** Every page of part `index` (the parts before it already drained), built on demand. */
  async *drain(index: number): AsyncGenerator<Page> {
    for (;;) {
      const head = this.queue[0];
      if (head && head.part === index) {
        this.queue.shift();
        this.held -= head.bytes.length;
        yield head;
        continue;
      }
      if (head || this.part > index || !(await this.build())) return;
    }
  }

  /** Build pages of the parts to come until `work` settles; then hand back its result. */
  async ahead<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    // Yield between pages so the statement's answer is taken as soon as it comes.
    while (!settled && this.held < AHEAD_LIMIT && (await this.build())) await new Promise(setImmediate);
    return work;
  }

  /**
   * One more page, or the step to the next part; false when every part is built. `drain` and
   * `ahead` may both be building: everything after the checkpoint's await runs in one go, so
   * two builds never read the same position.
   */
  private async build(): Promise<boolean> {
    if (!this.snapshot.parts[this.part]) return false;
    await this.checkpoint();
    const part = this.snapshot.parts[this.part];
    if (!part) return false;
    const page = this.pageOf(part, this.pageSize);
    if (!page) {
      this.part++;
      this.after = 0;
      return true;
    }
    this.queue.push({ part: this.part, bytes: page.bytes, rows: page.rows });
    this.held += page.bytes.length;
    this.after = page.lastRowid;
    return true;
  }

  private pageOf(part: BulkSnapshot['parts'][number], limit: number): ReturnType<BulkSnapshot['copyPage']> {
    try {
      return this.snapshot.copyPage(part, this.after, limit, this.layout(this.part));
    } catch (error) {
      // Rows of long texts can make a page longer than SQLite builds one string: fewer rows.
      if ((error as { code?: string }).code !== 'SQLITE_TOOBIG' || limit === 1) throw error;
      return this.pageOf(part, Math.ceil(limit / 2));
    }
  }
}
