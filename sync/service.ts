import type { SyncState } from '../shared/domain/types';
import type { Store } from '../electron/core/journal/store';
import { SyncEngine, type Failpoint, type SyncReport } from './engine';
import { CloudDb } from './postgres';
import type { EmbeddingCache } from '../electron/core/embeddings/cache';
import type { QdrantStore } from './qdrant';
import { qdrantFor } from './config';
import { Nudger } from './redis';
import { summarizeConnectionError, type ConnectionLog } from './connection-log';
import { openConflicts } from './text-merge';

export type CloudConfig = {
  databaseUrl: string;
  workspaceId: string;
  redisUrl?: string | undefined;
  qdrantUrl?: string | undefined;
  qdrantApiKey?: string | undefined;
  /** Prefix for Redis channels (tests). */
  redisPrefix?: string | undefined;
};

export type SyncStatus = {
  state: SyncState;
  lastSyncedAt: number | null;
  message: string | null;
  pending: number;
  conflicts: number;
  lastReport: SyncReport | null;
};

export type SyncServiceOptions = {
  store: Store;
  config: CloudConfig;
  onStatus?: (status: Omit<SyncStatus, 'pending'>) => void;
  onSynced?: (report: SyncReport) => void;
  /** Periodic sync while running (default 60 s). */
  intervalMs?: number;
  /** Wait after a local change before pushing it (default 200 ms): a burst of writes syncs once. */
  debounceMs?: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`, with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  failpoint?: (name: Failpoint) => void | Promise<void>;
  /** Cloud database timeouts (see `CloudOptions`); tests shorten them. */
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  /** See `SyncEngineOptions.bulkMinRecords`. */
  bulkMinRecords?: number;
  log?: (message: string, error?: unknown) => void;
  /** The journal's embedding cache, for mirroring vectors when Qdrant is configured. */
  vectorCache?: () => Promise<EmbeddingCache>;
};

/**
 * After a local write, sync waits this long for more before pushing. The editors already
 * save after a pause in typing, so a short wait here keeps another device's view within a
 * second of the change (DESIGN §8) while a burst of writes still syncs once.
 */
export const DEFAULT_DEBOUNCE_MS = 200;

/**
 * Runs sync by itself: at start, on a timer, shortly after local changes, when another
 * device nudges through Redis, and when the app says the network or the machine came
 * back. One sync at a time; a request during a run queues exactly one more. Failures back
 * off exponentially with jitter, and the status always says which state sync is in.
 */
export class SyncService {
  private engine: SyncEngine | undefined;
  private cloud: CloudDb | undefined;
  private nudger: Nudger | undefined;
  private running: Promise<SyncReport | null> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  private offChange: (() => void) | undefined;
  private current: Omit<SyncStatus, 'pending'>;

  constructor(private readonly options: SyncServiceOptions) {
    this.current = {
      state: 'syncing',
      lastSyncedAt: readNumber(options.store, 'last_synced_at'),
      message: 'Connecting to your cloud…',
      conflicts: 0,
      lastReport: null,
    };
  }

  status(): SyncStatus {
    return { ...this.current, pending: this.pendingCount() };
  }

  /** The state without counting the outbox (for the status bar, which counts it already). */
  snapshot(): Omit<SyncStatus, 'pending'> {
    return { ...this.current };
  }

  /** Begin syncing in the background. */
  start(): void {
    this.offChange = this.options.store.onChange(() => {
      // Changes made while a sync runs (its own pulled rows included) are checked for after it.
      if (!this.running) this.requestSync(this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    });
    this.requestSync(0);
  }

  /** Ask for a sync after `delayMs` (debounced: the latest request wins). */
  requestSync(delayMs = 0): void {
    if (this.stopped) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.syncNow().catch(() => undefined), delayMs);
  }

  /** Network back or machine resumed: forget the backoff and sync now. */
  reconnected(): void {
    this.failures = 0;
    this.requestSync(0);
  }

  /** Sync now, or once more right after the sync in progress. */
  async syncNow(): Promise<SyncReport | null> {
    if (this.stopped) return null;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runOnce();
    let report: SyncReport | null = null;
    try {
      report = await this.running;
      return report;
    } finally {
      this.running = null;
      // Once more if asked meanwhile, or if local changes arrived after the push phase.
      if (!this.stopped && (this.again || (report !== null && this.pendingCount() > 0))) {
        this.again = false;
        this.requestSync(report === null ? (this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS) : 0);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.debounce);
    this.offChange?.();
    await this.running?.catch(() => undefined);
    this.nudger?.close();
    await this.cloud?.close();
  }

  private async runOnce(): Promise<SyncReport | null> {
    clearTimeout(this.timer);
    // A sync starting now covers changes a pending debounce was waiting for.
    clearTimeout(this.debounce);
    this.setStatus({ state: 'syncing', message: 'Syncing…' });
    try {
      const engine = await this.connect();
      const report = await engine.syncOnce();
      // Not awaited: a nudge may wait for Redis to reconnect, and the sync is done regardless.
      if (report.pushedRecords > 0 || report.tickRows > 0) void this.nudger?.publish();
      this.failures = 0;
      const now = Date.now();
      this.options.store.db
        .prepare(
          `INSERT INTO sync_state (key, value) VALUES ('last_synced_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        )
        .run(String(now));
      // Conflict copies stay "conflicts" until the trader has read and deleted them.
      const conflicts = openConflicts(this.options.store.db);
      const message =
        conflicts > 0
          ? `${conflicts} conflict ${conflicts === 1 ? 'copy' : 'copies'} in the journal to review (titled "Conflict copy").`
          : report.vectorError
            ? `Synced; vectors were not mirrored to Qdrant: ${report.vectorError}`
            : null;
      this.setStatus({
        state: conflicts > 0 ? 'conflicts' : 'up-to-date',
        lastSyncedAt: now,
        message,
        conflicts,
        lastReport: report,
      });
      this.options.onSynced?.(report);
      this.schedule(this.options.intervalMs ?? 60_000);
      return report;
    } catch (error) {
      this.failures++;
      const offline = isConnectionError(error);
      this.setStatus({
        state: offline ? 'offline' : 'error',
        message: offline
          ? `The cloud cannot be reached (${describe(error)}); your journal keeps working here and will sync when it can.`
          : `Sync failed: ${describe(error)}`,
      });
      this.options.log?.('sync failed', error);
      this.schedule(this.backoff());
      return null;
    }
  }

  private async connect(): Promise<SyncEngine> {
    if (this.engine) return this.engine;
    const { config, store } = this.options;
    this.cloud = await CloudDb.open({
      url: config.databaseUrl,
      workspaceId: config.workspaceId,
      onConnectionLost: this.connectionLost,
      ...(this.options.connectTimeoutMs ? { connectTimeoutMs: this.options.connectTimeoutMs } : {}),
      ...(this.options.queryTimeoutMs ? { queryTimeoutMs: this.options.queryTimeoutMs } : {}),
    });
    this.engine = new SyncEngine({
      store,
      cloud: this.cloud,
      ...(this.options.failpoint ? { failpoint: this.options.failpoint } : {}),
      ...(this.options.bulkMinRecords ? { bulkMinRecords: this.options.bulkMinRecords } : {}),
      ...(config.qdrantUrl && this.options.vectorCache
        ? { vectors: { cache: this.options.vectorCache, qdrant: () => this.qdrant(config) } }
        : {}),
    });
    if (config.redisUrl && !this.nudger) {
      this.nudger = await Nudger.start({
        url: config.redisUrl,
        workspaceId: config.workspaceId,
        deviceId: store.deviceId,
        prefix: config.redisPrefix,
        onNudge: () => this.requestSync(0),
        onError: (error) => this.options.log?.('redis', summarizeConnectionError(error)),
        onConnectionLost: this.connectionLost,
      });
    }
    return this.engine;
  }

  private readonly connectionLost: ConnectionLog = (service, error) =>
    this.options.log?.(`${service === 'postgres' ? 'cloud database' : 'Redis'} connection lost`, error);

  private qdrantStore: Promise<QdrantStore> | undefined;

  /** The Qdrant client, loaded on first use (not on the app's start-up path). */
  private qdrant(config: CloudConfig): Promise<QdrantStore> {
    this.qdrantStore ??= qdrantFor({ ...config, qdrantUrl: config.qdrantUrl! });
    return this.qdrantStore;
  }

  /** Exponential backoff with full jitter between half and all of the step. */
  private backoff(): number {
    const base = this.options.backoffMs ?? 1_000;
    const max = this.options.maxBackoffMs ?? 300_000;
    const step = Math.min(max, base * 2 ** Math.min(this.failures - 1, 20));
    return Math.round(step * (0.5 + 0.5 * (this.options.random ?? Math.random)()));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow().catch(() => undefined), delayMs);
    this.timer.unref?.();
  }

  private setStatus(patch: Partial<Omit<SyncStatus, 'pending'>>): void {
    if (this.stopped) return;
    this.current = { ...this.current, ...patch };
    this.options.onStatus?.(this.snapshot());
  }

  private pendingCount(): number {
    const db = this.options.store.db;
    return db.open ? (db.prepare(`SELECT count(*) FROM outbox`).pluck().get() as number) : 0;
  }
}

function readNumber(store: Store, key: string): number | null {
  const value = store.db.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck().get(key) as string | undefined;
  return value ? Number(value) : null;
}

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  '57P01',
]);

export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code && connectionCodes.has(e.code)) return true;
  return /timeout|terminated|Connection terminated|connect/i.test(e?.message ?? '');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
