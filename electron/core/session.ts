import { fail } from '../../shared/contract/errors';
import { backupHandlers, type BackupHandlers } from './backup/handlers';
import { nodeBackupFs, type BackupFs } from './backup/durable-fs';
import { BackupScheduler } from './backup/schedule';
import { BackupService } from './backup/service';
import { lastBackupAt, readBackupSettings } from './backup/state';
import type { Core, CoreOptions } from './core';
import { EventHub } from './events';
import { ProcessorRegistry } from './jobs/processors';
import { silentLogger, type Logger } from './log/logger';
import type { KeyStore } from './coach/ai-settings';
import { memoryStorage, SecretHolder } from './secrets/secret-holder';
import type { CloudConfig } from '../../sync/service';

/** What each open journal gets from the session that outlives it. */
export type SessionShared = {
  events: EventHub;
  logger: Logger;
  backupHandlers: BackupHandlers;
  processors: ProcessorRegistry;
  secrets: SessionSecrets;
};

/** The session's secrets as an open journal uses them (they outlive a restore's swap). */
export type SessionSecrets = {
  holder: SecretHolder;
  keyStore: KeyStore;
  cloudConfig(): CloudConfig | null;
  onCloudChange(listener: (config: CloudConfig | null) => void): () => void;
};

/** Opens one journal: its database, services and handler map. */
export type OpenJournal = (options: CoreOptions, shared: SessionShared) => Core;

/** A missed scheduled backup waits this long after start: never on the start-up path. */
const CATCH_UP_DELAY_MS = 60_000;

/**
 * The core as every door sees it, over a journal a restore can swap. Calls go to the
 * journal open right now; while it is being swapped (closed, file renamed, reopened) they
 * are answered UNAVAILABLE instead of reaching a closed database. Events, the logger, the
 * backup service and its scheduler outlive the swap.
 */
export function createJournalSession(options: CoreOptions, open: OpenJournal): Core {
  const events = new EventHub();
  const logger = options.logger ?? silentLogger();
  const now = options.now ?? Date.now;
  const journalOptions = { ...options, logger };
  let swapping = false;
  let scheduler: BackupScheduler | undefined;

  const service = new BackupService({
    dataDir: options.dataDir,
    store: () => current.store,
    swap: (replace, undo) => {
      swapping = true;
      try {
        current.close();
        try {
          replace();
        } catch (error) {
          // Nothing was replaced: reopen the journal as it was.
          current = open(journalOptions, shared);
          throw error;
        }
        try {
          current = open(journalOptions, shared);
        } catch (error) {
          logger.error({ err: error }, 'the restored journal did not open; putting the previous one back');
          undo();
          current = open(journalOptions, shared);
          throw error;
        }
      } finally {
        swapping = false;
      }
    },
    events,
    logger,
    now,
    fs: options.backup?.fs ?? nodeBackupFs,
    onSettingsChanged: () => scheduler?.reschedule(),
    nextScheduledRun: options.backup?.schedule ? () => scheduler?.nextDueAt() ?? null : undefined,
    status: () => current.status(),
  });
  const processors = new ProcessorRegistry();
  // A job that does nothing: lets the trader (and tests) check that the queue runs.
  processors.register('default', 'noop', { run: () => undefined });
  const holder = new SecretHolder({
    aiEnv: options.ai?.env ?? process.env,
    syncEnv: options.sync?.env ?? process.env,
    fixedCloud: options.sync?.config,
    storage: options.secrets?.storage ?? memoryStorage,
    initial: options.secrets?.initial,
  });
  const secrets: SessionSecrets = {
    holder,
    keyStore: { getApiKey: () => holder.geminiApiKey() },
    cloudConfig: () => holder.cloudConfig(),
    onCloudChange: (listener) => holder.onCloudChange(listener),
  };
  const shared: SessionShared = { events, logger, backupHandlers: backupHandlers(service), processors, secrets };
  let current = open(journalOptions, shared);

  if (options.backup?.schedule) {
    scheduler = new BackupScheduler({
      settings: () => readBackupSettings(current.store.db),
      lastBackupAt: () => lastBackupAt(current.store.db),
      run: () => service.runScheduled(),
      now,
      catchUpDelayMs: options.backup.catchUpDelayMs ?? CATCH_UP_DELAY_MS,
      logger,
    });
    scheduler.start();
  }

  return {
    dataDir: options.dataDir,
    events,
    logger,
    get store() {
      return current.store;
    },
    get handlers() {
      return current.handlers;
    },
    get imports() {
      return current.imports;
    },
    get ticks() {
      return current.ticks;
    },
    get jobs() {
      return current.jobs;
    },
    get embeddings() {
      return current.embeddings;
    },
    processors,
    status: () => current.status(),
    drainJobs: (timeoutMs) => current.drainJobs(timeoutMs),
    invoke: (method, input, meta) =>
      swapping
        ? Promise.resolve(fail('UNAVAILABLE', 'The journal is being restored from a backup; try again in a moment.'))
        : current.invoke(method, input, meta),
    close: () => {
      scheduler?.dispose();
      service.dispose();
      current.close();
    },
  };
}

/** Backup behaviour of a core. */
export type BackupCoreOptions = {
  /** Run the backup schedule: the desktop app and `tpj serve` do; one-shot CLI commands and tests do not. */
  schedule?: boolean;
  /** How long after start a missed scheduled backup runs (default a minute). */
  catchUpDelayMs?: number;
  /** File operations backups write with; tests inject full disks and read-only folders. */
  fs?: BackupFs;
};
