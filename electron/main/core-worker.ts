import { createCore } from '../core/core';
import { createFileLogger } from '../core/log/logger';
import type { WorkerSecrets } from './protocol';
import { runWorker, type ParentPortLike } from './worker-runtime';
import type { WorkerCore } from './worker-handler';

/**
 * Entry of the core's utilityProcess: the journal runs here so a long query never stalls
 * the main process. Main sends `init` with the data folder and a MessagePort; see
 * worker-runtime.ts for the conversation.
 */
function openCore(dataDir: string, secrets?: WorkerSecrets): WorkerCore {
  const log = createFileLogger(dataDir);
  try {
    // The desktop app keeps the backup schedule, runs jobs and syncs by itself (one-shot CLI commands do not).
    const core = createCore({
      dataDir,
      logger: log.logger,
      backup: { schedule: true },
      jobs: { run: true },
      sync: { run: true },
      // Entered in Settings and kept in the keychain by main; the environment still wins.
      ...(secrets ? { secrets: { storage: secrets.storage, initial: secrets.kept } } : {}),
    });
    return {
      invoke: (method, input, meta) => core.invoke(method, input, meta),
      events: core.events,
      close: async () => {
        try {
          // Running jobs get a few seconds to finish; the rest go back to the queue for next time.
          await core.drainJobs();
          core.close();
        } finally {
          await endOfLog(log.close);
        }
      },
    };
  } catch (error) {
    log.logger.error({ err: error }, 'the core could not open');
    void endOfLog(log.close);
    throw error;
  }
}

/**
 * Main stops this process as soon as it hears `closed`, so wait for the log file to take
 * the last lines first (at most a second). `close` ends a stream today; a promise works too.
 */
async function endOfLog(close: () => void): Promise<void> {
  const ending: unknown = close();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)));
  const finished =
    ending instanceof Promise
      ? ending.then(() => undefined)
      : isEmitter(ending)
        ? new Promise<void>((resolve) => ending.once('finish', () => resolve()))
        : Promise.resolve();
  await Promise.race([finished, limit]);
  clearTimeout(timer);
}

function isEmitter(value: unknown): value is { once(event: string, listener: () => void): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { once?: unknown }).once === 'function';
}

const parentPort: ParentPortLike = process.parentPort;
runWorker({ parentPort, openCore });
