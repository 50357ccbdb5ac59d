import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Creates a new PGlite data folder (initdb, seconds of synchronous WebAssembly) on a worker
 * thread, so the core's own thread never stalls on it; opening an existing folder afterwards
 * stalls it for ~0.1 s. Resolves false when a worker could not do it (the caller then
 * creates the folder in-thread, slower but correct).
 */
export async function initFolderOffThread(dir: string): Promise<boolean> {
  if (existsSync(join(dir, 'PG_VERSION'))) return true;
  let pglite: string;
  let pgvector: string;
  try {
    const require = createRequire(import.meta.url);
    pglite = require.resolve('@electric-sql/pglite');
    pgvector = require.resolve('@electric-sql/pglite-pgvector');
  } catch {
    return false;
  }
  const code = `
    const { workerData, parentPort } = require('node:worker_threads');
    const { PGlite } = require(workerData.pglite);
    const { vector } = require(workerData.pgvector);
    PGlite.create({ dataDir: workerData.dir, relaxedDurability: true, extensions: { vector } })
      .then((pg) => pg.exec('CREATE EXTENSION IF NOT EXISTS vector').then(() => pg.close()))
      .then(() => parentPort.postMessage('ok'), (error) => parentPort.postMessage(String(error)));`;
  return new Promise((resolve) => {
    const worker = new Worker(code, { eval: true, workerData: { dir, pglite, pgvector } });
    worker.once('message', (message) => {
      resolve(message === 'ok');
      void worker.terminate();
    });
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
}
