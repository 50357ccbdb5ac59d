// Initialises an empty PGlite folder (initdb) off the test runner's main thread; see
// pglite-template.ts. Plain JavaScript: it runs in a worker thread without a TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

const pg = await PGlite.create({ dataDir: workerData.dir, relaxedDurability: true, extensions: { vector } });
await pg.close();
parentPort.postMessage('ready');
