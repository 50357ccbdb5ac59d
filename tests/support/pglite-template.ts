import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

declare module 'vitest' {
  // Module augmentation needs an interface: this is how `inject('pgliteTemplate')` gets its type.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * One initialised PGlite folder per test run, for embedding caches to start from (see
 * `seedFromTemplate` in cache-store.ts): initdb costs seconds of CPU, a copy well under one.
 * It is built on a worker thread so the run does not wait for it, and appears at `dir` only
 * when complete (a rename); a test that opens a cache before then initialises its own.
 */
export function startPgliteTemplate(): { dir: string; stop: () => Promise<void> } {
  const root = mkdtempSync(join(tmpdir(), 'tpj-pglite-template-'));
  const building = join(root, 'building');
  const dir = join(root, 'pgdata');
  const worker = new Worker(new URL('./pglite-template-worker.mjs', import.meta.url), {
    workerData: { dir: building },
  });
  const done = new Promise<void>((resolve) => {
    worker.once('message', () => {
      renameSync(building, dir);
      resolve();
    });
    // Without a template every cache runs initdb itself: slower, never wrong.
    worker.once('error', (error) => {
      console.warn(`PGlite template not built (tests initialise each cache instead): ${String(error)}`);
      resolve();
    });
    worker.once('exit', () => resolve());
  });
  return {
    dir,
    // A template still being built at the end of the run is simply abandoned.
    stop: async () => {
      await worker.terminate();
      await done;
      rmSync(root, { recursive: true, force: true });
    },
  };
}
