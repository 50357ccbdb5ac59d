import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import { createFileLogger } from '../../electron/core/log/logger';
import { defaultDataDir } from '../../electron/core/paths';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { unwrap } from './errors';

export type GlobalOptions = { dataDir?: string };

/** The data folder: --data-dir, else TPJ_DATA_DIR, else the desktop app's own folder. */
export function resolveDataDir(options: GlobalOptions): string {
  return options.dataDir ?? defaultDataDir();
}

/** Open the core for one command; `call` unwraps results into values or thrown errors. */
export function openCore(
  options: GlobalOptions,
  coreOptions: Pick<CoreOptions, 'backup' | 'jobs' | 'sync'> = {},
): {
  core: Core;
  call: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;
  close: () => void;
  /** Let running jobs finish (up to the drain timeout), then close. */
  drainAndClose: () => Promise<void>;
} {
  const dataDir = resolveDataDir(options);
  const { logger, close: closeLog } = createFileLogger(dataDir);
  const core = createCore({ dataDir, logger, ...coreOptions });
  return {
    core,
    call: async (method, input) =>
      unwrap(await core.invoke(method, input, { door: 'cli' })) as MethodOutput<typeof method>,
    close: () => {
      core.close();
      closeLog();
    },
    drainAndClose: async () => {
      try {
        await core.drainJobs();
      } finally {
        core.close();
        closeLog();
      }
    },
  };
}

/** The project root (where package.json is), from the bundled or the source location. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the app folder (package.json).');
    dir = parent;
  }
  return dir;
}
