import { regroupSymbols } from '../electron/core/journal/regroup';
import type { Store } from '../electron/core/journal/store';
import type { EmbeddingCache } from '../electron/core/embeddings/cache';
import { BulkSnapshot, type BulkSelection } from './bulk-local';
import { LocalSide } from './local';
import type { QdrantStore } from './qdrant';
import { mirrorVectors, type VectorReport } from './vectors';
import type { CloudDb } from './postgres';
import { pendingTickChunks, pullTickChunks, pushTickChunks } from './ticks';
import { purgeCloudTombstones, type PurgeOptions } from './purge';

/** Outbox records from which a push goes up in bulk (see `bulkMinRecords`). */
export const DEFAULT_BULK_MIN_RECORDS = 5_000;

/** Named places where tests stop or kill a sync mid-way. */
export type Failpoint =
  'push:before-send' | 'push:after-server-commit' | 'pull:after-fetch' | 'pull:after-page' | 'ticks:mid-copy';

export type SyncReport = {
  pushedRecords: number;
  pushedRows: number;
  /** Rows the cloud kept because its version was newer; this device took them. */
  tookNewer: number;
  pulledRows: number;
  appliedRows: number;
  /** Pulled rows left alone because they have local changes still to push. */
  deferredRows: number;
  regroupedSymbols: number;
  tickRows: number;
  /** Ticks other devices uploaded, brought down here. */
  pulledTicks: number;
  /** Vectors mirrored to Qdrant, or why not (derived data: its failure does not fail the sync). */
  vectors: VectorReport | null;
  vectorError: string | null;
  /** Tombstones this sync purged from the cloud (every known device had passed them). */
  purgedRows: number;
  cursor: number;
};

export type SyncEngineOptions = {
  store: Store;
  cloud: CloudDb;
  /** Outbox records per push transaction. */
  batchSize?: number;
  /** Rows per pulled page (each page is one local transaction). */
  pageSize?: number;
  /**
   * From this many outbox records on, the push goes up in one COPY-based bulk transaction
   * instead of batches (a first sync of a large journal). Tests set 1 to drive every push
   * through it.
   */
  bulkMinRecords?: number;
  /** Rows per page of a bulk push's COPY text (default 5,000; tests set a few to get many pages). */
  bulkPageSize?: number;
  /** Tick chunks per upload transaction. */
  tickChunks?: number;
  failpoint?: (name: Failpoint) => void | Promise<void>;
  /** Mirror embedding vectors to the trader's Qdrant (when configured). */
  vectors?: { cache: () => Promise<EmbeddingCache>; qdrant: () => Promise<QdrantStore> };
  signal?: AbortSignal;
  onProgress?: (phase: 'push' | 'ticks' | 'pull', done: number) => void;
  /** Tombstone purging: grace period and how often (see purge.ts). */
  purge?: PurgeOptions;
};

/**
 * One device's sync: push the outbox in order, upload tick chunks, pull what changed
 * after the cursor, then re-derive trades for the symbols whose fills arrived. Every step
 * is safe to interrupt and repeat (see docs/sync-protocol.md).
 */
export class SyncEngine {
  readonly local: LocalSide;
  private migrated = false;

  constructor(private readonly options: SyncEngineOptions) {
    this.local = new LocalSide(options.store);
  }

  async syncOnce(): Promise<SyncReport> {
    const { cloud } = this.options;
    if (!this.migrated) {
      await cloud.migrate();
      this.migrated = true;
    }
    const report: SyncReport = {
      pushedRecords: 0,
      pushedRows: 0,
      tookNewer: 0,
      pulledRows: 0,
      appliedRows: 0,
      deferredRows: 0,
      regroupedSymbols: 0,
      tickRows: 0,
      pulledTicks: 0,
      vectors: null,
      vectorError: null,
      purgedRows: 0,
      cursor: 0,
    };
    await this.fullPushIfNeeded(report);
    await this.push(report);
    await this.pushTicks(report);
    await this.pull(report);
    report.cursor = this.local.cursor();
    await cloud.recordDevice(this.local.deviceId, report.cursor);
    const purge = await purgeCloudTombstones(cloud, this.options.purge);
    report.purgedRows = purge.purged;
    if (purge.purged > 0) {
      // Pull the graves just made, so this device drops its copies now rather than next time.
      await this.pull(report);
      report.cursor = this.local.cursor();
      await cloud.recordDevice(this.local.deviceId, report.cursor);
    }
    if (this.options.vectors) {
      try {
        report.vectors = await mirrorVectors(await this.options.vectors.cache(), await this.options.vectors.qdrant());
      } catch (error) {
        report.vectorError = error instanceof Error ? error.message : String(error);
      }
    }
    return report;
  }

  private async push(report: SyncReport): Promise<void> {
    const { cloud } = this.options;
    if (this.local.pendingAtLeast(this.options.bulkMinRecords ?? DEFAULT_BULK_MIN_RECORDS)) {
      await this.pushBulk('outbox', report);
    }
    for (;;) {
      this.checkAborted();
      const batch = this.local.readBatch(this.options.batchSize ?? 2_000);
      if (!batch) return;
      await this.fail('push:before-send');
      const ack = await cloud.push({ deviceId: this.local.deviceId, mutationIds: batch.mutationIds, rows: batch.rows });
      await this.fail('push:after-server-commit');
      report.tookNewer += this.local.acknowledge(batch, ack.newer);
      report.pushedRecords += batch.records;
      report.pushedRows += batch.rowCount;
      this.options.onProgress?.('push', report.pushedRecords);
    }
  }

  /** Rows frozen locally, sent by COPY in one server transaction, acknowledged set-wise. */
  private async pushBulk(kind: BulkSelection['kind'], report: SyncReport): Promise<void> {
    this.checkAborted();
    const snapshot = BulkSnapshot.take(this.local, kind);
    if (!snapshot) return;
    const rows = snapshot.rowCount;
    try {
      await this.fail('push:before-send');
      const ack = await this.options.cloud.pushBulk(snapshot, {
        deviceId: this.local.deviceId,
        ...(this.options.bulkPageSize ? { pageSize: this.options.bulkPageSize } : {}),
        onRows: (sent) => this.options.onProgress?.('push', report.pushedRows + sent),
        checkpoint: () => this.checkAborted(),
      });
      await this.fail('push:after-server-commit');
      report.tookNewer += snapshot.acknowledge(ack.newer);
      report.pushedRecords += snapshot.records;
      report.pushedRows += rows;
    } finally {
      snapshot.release();
    }
  }

  /** After a restore the outbox was emptied: offer every row once (the cloud keeps the newer side). */
  private async fullPushIfNeeded(report: SyncReport): Promise<void> {
    if (this.local.getState('needs_full_push') !== '1') return;
    await this.pushBulk('all', report);
    this.options.store.db.prepare(`DELETE FROM sync_state WHERE key = 'needs_full_push'`).run();
  }

  private async pushTicks(report: SyncReport): Promise<void> {
    const { store, cloud } = this.options;
    // Chunks to upload were marked by a trigger as their ticks were written (schema 7).
    for (;;) {
      this.checkAborted();
      const chunks = pendingTickChunks(store.db, this.options.tickChunks ?? 64);
      if (chunks.length === 0) return;
      report.tickRows += await pushTickChunks(store.db, cloud, this.local.deviceId, chunks, (name) => this.fail(name));
      this.options.onProgress?.('ticks', report.tickRows);
    }
  }

  private async pull(report: SyncReport): Promise<void> {
    const pageSize = this.options.pageSize ?? 1_000;
    for (;;) {
      this.checkAborted();
      const head = await this.options.cloud.head();
      const page = await this.options.cloud.pull(this.local.cursor(), pageSize, this.local.deviceId);
      await this.fail('pull:after-fetch');
      const result = this.local.applyPage(page, page.length < pageSize ? head : 0);
      await this.fail('pull:after-page');
      report.pulledRows += page.length;
      report.appliedRows += result.applied;
      report.deferredRows += result.skipped;
      this.options.onProgress?.('pull', report.pulledRows);
      if (page.length < pageSize) break;
    }
    report.regroupedSymbols = this.regroup();
    for (;;) {
      this.checkAborted();
      const ticks = await pullTickChunks(this.options.store.db, this.options.cloud, this.local.deviceId);
      if (ticks === 0) break;
      report.pulledTicks += ticks;
    }
  }

  /** Re-derive trades (and the local trade_legs) for symbols whose fills or trades arrived. */
  private regroup(): number {
    const pending = this.local.regroupPending();
    if (pending.length === 0) return 0;
    const { store } = this.options;
    const keys = pending.map((k) => {
      const [accountId, symbol] = k.split('\u0000') as [string, string];
      return { accountId, symbol };
    });
    store.mutate((w) => {
      regroupSymbols(store, w, keys);
      this.local.clearRegroupPending();
    });
    return keys.length;
  }

  private async fail(name: Failpoint): Promise<void> {
    await this.options.failpoint?.(name);
  }

  private checkAborted(): void {
    if (this.options.signal?.aborted) throw new SyncCancelledError();
  }
}

export class SyncCancelledError extends Error {
  constructor() {
    super('Sync was cancelled.');
  }
}
