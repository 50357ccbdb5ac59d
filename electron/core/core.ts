import { mkdirSync } from 'node:fs';
import type { Handlers } from '../../shared/contract';
import type { AppStatus } from '../../shared/domain/types';
import type { Result } from '../../shared/contract/errors';
import { coachHandlers, type AiCoreOptions } from './coach/coach-handlers';
import { startCheckpointer } from './db/checkpointer';
import { ensureDeviceId } from './db/device';
import { openJournalDb } from './db/open';
import { loadDemoJournal } from './demo/load';
import { createEmbeddings } from './embeddings/wire';
import type { EmbeddingService } from './embeddings/service';
import type { EventHub } from './events';
import { importHistory, ImportPresets } from './import/history';
import { addManualExecutions } from './import/manual';
import { ImportService } from './import/service';
import { invokeHandler, type CallMeta } from './invoke';
import { LocalJobs, type JobsOptions } from './jobs/local-jobs';
import type { ProcessorRegistry } from './jobs/processors';
import { Accounts } from './journal/accounts';
import { Attachments } from './journal/attachments';
import { JournalEntries } from './journal/journal-entries';
import { Playbooks } from './journal/playbooks';
import { SettingsService } from './journal/settings';
import { Stats } from './journal/stats';
import { Store } from './journal/store';
import { Tags } from './journal/tags';
import { Trades } from './journal/trades';
import { silentLogger, type Logger } from './log/logger';
import { tickHandlers } from './ticks/handlers';
import { TickImporter } from './ticks/tick-import';
import { journalPaths } from './paths';
import { createJournalSession, type BackupCoreOptions, type SessionShared } from './session';
import { appVersion, readStatus } from './status';
import { syncHandlers } from '../../sync/handlers';
import { SyncService, type CloudConfig, type SyncServiceOptions } from '../../sync/service';
import { SyncSlot } from '../../sync/slot';
import type { SecretStorageInfo } from '../../shared/contract/secrets';
import type { KeptSecrets } from './secrets/secret-holder';
import { secretsHandlers } from './secrets/secrets-handlers';

export type CoreOptions = {
  dataDir: string;
  logger?: Logger;
  /** Wall clock, replaceable in tests. */
  now?: () => number;
  /** Scheduled backups (off unless asked for) and test doubles for backup writes. */
  backup?: BackupCoreOptions;
  /** The local job queue; jobs run only when `run` is set (the app and `tpj serve`). */
  jobs?: JobsOptions;
  /** The coach's Gemini access: key store, env (base URL override), timeouts and retries. */
  ai?: AiCoreOptions;
  /** Cloud sync: the connection (default: from the environment) and whether it runs by itself. */
  sync?: SyncCoreOptions;
  /** Keys and the cloud connection entered by the trader: where they are kept, and those main read back. */
  secrets?: { storage?: SecretStorageInfo; initial?: KeptSecrets };
};

export type SyncCoreOptions = {
  /** Null: no cloud. Default: TIMESCALE_DATABASE_URL, TPJ_WORKSPACE, REDIS_URL, QDRANT_URL from `env`. */
  config?: CloudConfig | null;
  env?: Readonly<Record<string, string | undefined>>;
  /** Sync at start, on a timer and after changes (the app and `tpj serve`); off for one-shot CLI calls. */
  run?: boolean;
  service?: Partial<Omit<SyncServiceOptions, 'store' | 'config'>>;
};

export type Core = {
  readonly dataDir: string;
  readonly store: Store;
  readonly events: EventHub;
  readonly handlers: Handlers;
  readonly logger: Logger;
  /** Imports, also reachable with file paths (the CLI streams large files from disk). */
  readonly imports: ImportService;
  /** Tick and bar file imports, also with file paths. */
  readonly ticks: TickImporter;
  /** The local job queue of the open journal: add jobs here. */
  readonly jobs: LocalJobs;
  /** Processors per (queue, name); register them once, they outlive a restore. */
  readonly processors: ProcessorRegistry;
  /** Embeddings and similar trades; the cache (PGlite) opens on first use. */
  readonly embeddings: EmbeddingService;
  /** The status bar's status, sync included. */
  status(): AppStatus;
  /** Validate and run one contract call; never throws. */
  invoke(method: string, input: unknown, meta?: CallMeta): Promise<Result<unknown>>;
  /** Give running jobs the drain timeout to finish, handing back the rest; call before `close` on quit. */
  drainJobs(timeoutMs?: number): Promise<void>;
  /** Close at once: running jobs are aborted and handed back to the queue. */
  close(): void;
};

/**
 * The application core: the journal store and every contract handler, Electron-free. A
 * restore swaps the open journal underneath; see session.ts.
 */
export function createCore(options: CoreOptions): Core {
  return createJournalSession(options, openJournal);
}

/** One open journal with its services and handlers; the session reopens it after a restore. */
function openJournal(options: CoreOptions, shared: SessionShared): Core {
  const paths = journalPaths(options.dataDir);
  mkdirSync(options.dataDir, { recursive: true });
  const logger = options.logger ?? silentLogger();
  const db = openJournalDb(paths.database);
  const store = new Store(db, ensureDeviceId(db), options.now);
  const events = shared.events;

  const accounts = new Accounts(store);
  const trades = new Trades(store);
  const journal = new JournalEntries(store);
  const playbooks = new Playbooks(store);
  const tags = new Tags(store);
  const attachments = new Attachments(store, paths.files);
  const settings = new SettingsService(store);
  const stats = new Stats(store, settings);
  const makeSync = (config: CloudConfig) =>
    new SyncService({
      store,
      config,
      onStatus: () => events.emit('status', status()),
      log: (message, error) => logger.warn({ err: error }, message),
      // Read when a sync runs, after `embeddings` below exists.
      vectorCache: () => embeddings.service.cache(),
      ...options.sync?.service,
      onSynced: (report) => {
        // Pulled ticks go straight into the table, not through the outbox's change events.
        if (report.pulledTicks > 0) events.emit('ticks.changed', { symbols: null });
        options.sync?.service?.onSynced?.(report);
      },
    });
  const syncSlot = new SyncSlot(makeSync, shared.secrets.cloudConfig(), options.sync?.run ?? false);
  // A connection entered (or removed) in Settings: sync restarts with it, and the status bar hears.
  const offCloud = shared.secrets.onCloudChange((config) => {
    void syncSlot.replace(config).then(() => events.emit('status', status()));
  });
  const syncCalls = syncHandlers(store, syncSlot);
  const status = () => {
    const base = readStatus(store, options.dataDir, appVersion);
    const sync = syncSlot.service;
    if (!sync) return base;
    // The outbox was just counted by readStatus; the service's own view adds only its state.
    const s = sync.snapshot();
    return {
      ...base,
      sync: { state: s.state, lastSyncedAt: s.lastSyncedAt, message: s.message, conflicts: s.conflicts },
    };
  };
  const imports = new ImportService(store, (p) => events.emit('import.progress', p));
  const presets = new ImportPresets(store);
  const ticks = new TickImporter(
    store,
    (p) => events.emit('import.progress', p),
    (symbols) => events.emit('ticks.changed', { symbols }),
  );
  const ai = {
    findSimilar: async (tradeId: string) =>
      (await embeddings.service.similar(tradeId, { k: 5 })).items.map((item) => item.trade.id),
    ...options.ai,
    keyStore: options.ai?.keyStore ?? shared.secrets.keyStore,
  };
  const coach = coachHandlers({ store, settings, events, logger, ...(options.now ? { now: options.now } : {}) }, ai);
  const jobs = new LocalJobs(db, shared.processors, events, logger, options.now ?? Date.now, options.jobs);
  const embeddings = createEmbeddings({
    ...options,
    ai,
    store,
    settings,
    jobs,
    processors: shared.processors,
    logger,
    catchUpOnFirstUse: options.jobs?.run,
  });

  const handlers: Handlers = {
    'app.status': status,
    'settings.get': () => settings.get(),
    'settings.update': (i) => settings.update(i),
    'demo.load': (i) => loadDemoJournal(store, i),
    'accounts.list': () => accounts.list(),
    'accounts.create': (i) => accounts.create(i),
    'accounts.update': (i) => accounts.update(i),
    'accounts.delete': (i) => accounts.delete(i),
    'trades.list': (i) => trades.list(i),
    'trades.get': (i) => trades.get(i),
    'trades.update': (i) => trades.update(i),
    'trades.delete': (i) => trades.delete(i),
    'trades.bulkTag': (i) => trades.bulkTag(i),
    'journal.list': (i) => journal.list(i),
    'journal.get': (i) => journal.get(i),
    'journal.create': (i) => journal.create(i),
    'journal.update': (i) => journal.update(i),
    'journal.delete': (i) => journal.delete(i),
    'playbooks.list': (i) => playbooks.list(i),
    'playbooks.get': (i) => playbooks.get(i),
    'playbooks.create': (i) => playbooks.create(i),
    'playbooks.update': (i) => playbooks.update(i),
    'playbooks.delete': (i) => playbooks.delete(i),
    'playbooks.adherence': () => playbooks.adherence(),
    'tags.list': () => tags.list(),
    'tags.create': (i) => tags.create(i),
    'tags.update': (i) => tags.update(i),
    'tags.delete': (i) => tags.delete(i),
    'attachments.list': (i) => attachments.list(i),
    'attachments.add': (i) => attachments.add(i),
    'attachments.read': (i) => attachments.read(i),
    'attachments.delete': (i) => attachments.delete(i),
    'import.formats': () => imports.formats(),
    'import.preview': ({ files, accountId, importId, formatId, timeZone, mapping }) =>
      imports.preview(
        files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.dataBase64, 'base64') })),
        {
          accountId,
          ...(importId ? { importId } : {}),
          ...(formatId ? { formatId } : {}),
          ...(timeZone ? { timeZone } : {}),
          ...(mapping ? { mapping } : {}),
        },
      ),
    'import.commit': (i) => imports.commit(i),
    'import.cancel': ({ importId }) => imports.cancel(importId),
    'import.history': () => importHistory(store),
    'import.presets.list': () => presets.list(),
    'import.presets.save': (i) => presets.save(i),
    'import.presets.delete': (i) => presets.delete(i),
    'executions.add': (i) => addManualExecutions(store, i),
    'jobs.list': (i) => jobs.list(i),
    'jobs.retry': ({ id }) => jobs.retry(id),
    'jobs.discard': ({ id }) => jobs.discard(id),
    'stats.get': (i) => stats.get(i),
    ...coach,
    ...embeddings.handlers,
    ...shared.backupHandlers,
    ...syncCalls,
    ...tickHandlers(store, trades, ticks),
    ...secretsHandlers(shared.secrets.holder),
  };

  let statusTimer: NodeJS.Timeout | undefined;
  const checkpointer = startCheckpointer(db);
  const offChange = store.onChange((entities) => {
    checkpointer.notifyWrite();
    events.emit('journal.changed', { entities });
    // Status counts are cheap but not free: coalesce bursts of writes into one update.
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => events.emit('status', status()), 250);
  });

  logger.info({ dataDir: options.dataDir, deviceId: store.deviceId, version: appVersion }, 'core opened');
  return {
    dataDir: options.dataDir,
    store,
    events,
    handlers,
    logger,
    imports,
    ticks,
    jobs,
    processors: shared.processors,
    embeddings: embeddings.service,
    status,
    invoke: (method, input, meta = { door: 'test' }) => invokeHandler(handlers, logger, method, input, meta),
    drainJobs: (timeoutMs) => jobs.drain(timeoutMs),
    close: () => {
      offCloud();
      void syncSlot.close();
      jobs.close();
      embeddings.close();
      clearTimeout(statusTimer);
      checkpointer.dispose();
      offChange();
      if (db.open) {
        db.pragma('optimize');
        db.close();
      }
      logger.info('core closed');
    },
  };
}
