// The embedding cache's worker thread: owns PGlite, answers `CacheRequest`s one at a time.
// Bundled on its own by both builds (electron.vite.config.ts, scripts/build-cli.mjs); from
// source it is loaded through tsx (cache.ts). No import.meta here: tsx loads it as CommonJS.
import { parentPort } from 'node:worker_threads';
import { CoreError } from '../../../shared/contract/errors';
import type { CacheApi, CacheReply, CacheRequest, WireError } from './cache-protocol';
import { transferablesOf } from './cache-protocol';
import { PgCacheStore } from './cache-store';

const port = parentPort;
if (!port) throw new Error('cache-worker.ts runs as a worker thread only');

let store: PgCacheStore | null = null;

function opened(): PgCacheStore {
  if (!store) throw new CoreError('UNAVAILABLE', 'The embedding cache is not open.');
  return store;
}

const api: CacheApi = {
  open: async (dir) => {
    if (store) return { recreatedAfter: null };
    const result = await PgCacheStore.open(dir);
    store = result.store;
    return { recreatedAfter: result.recreatedAfter };
  },
  getVectors: (space, hashes) => opened().getVectors(space, hashes),
  storeVectors: (space, vectors) => opened().storeVectors(space, vectors),
  setMappings: (space, mappings) => opened().setMappings(space, mappings),
  dropMappings: (entity, ids) => opened().dropMappings(entity, ids),
  mappedHashes: (entity, space, ids) => opened().mappedHashes(entity, space, ids),
  mappedIds: (entity) => opened().mappedIds(entity),
  tradeVectors: (space, pageSize) => opened().tradeVectors(space, pageSize),
  counts: (space, entity) => opened().counts(space, entity),
  analyze: () => opened().analyze(),
  clear: () => opened().clear(),
  listVectors: (entity, page) => opened().listVectors(entity, page),
  putVectors: (rows) => opened().putVectors(rows),
  query: (sql, params) => opened().query(sql, params),
  exec: (sql) => opened().exec(sql),
  close: async () => {
    const closing = store;
    store = null;
    await closing?.close();
  },
  crash: () => process.exit(70),
};

function wireError(error: unknown): WireError {
  if (error instanceof CoreError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  // PGlite's errors carry Postgres's SQLSTATE in `code`.
  const sqlState =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  return sqlState ? { code: 'STORAGE', message, sqlState } : { code: 'STORAGE', message };
}

async function handle(request: CacheRequest): Promise<void> {
  let reply: CacheReply;
  try {
    const run = api[request.method] as (...args: unknown[]) => Promise<unknown>;
    reply = { id: request.id, ok: true, value: await run(...request.args) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: wireError(error) };
  }
  port!.postMessage(reply, transferablesOf(reply.ok ? reply.value : null));
}

// One request at a time, in order: PGlite is single-connection, and `close` drains.
let queue = Promise.resolve();
port.on('message', (request: CacheRequest) => {
  queue = queue.then(() => handle(request));
});
