import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { abortError } from '../backup/hashing';

/** One read-only statement for the worker: every row (`all`) or the first column of the first row (`pluck`). */
export type WorkerQuery = { sql: string; params?: unknown[]; mode: 'all' | 'pluck' };

/** What the worker answers per query: its rows or value, or why it failed. */
export type WorkerAnswer = { ok: true; value: unknown } | { ok: false; error: string };

// Plain JavaScript (evaluated, not bundled): it only needs better-sqlite3, whose path it is given.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: workerData.readonly, fileMustExist: true });
  if (workerData.mmapSize) db.pragma('mmap_size = ' + workerData.mmapSize);
} catch (error) {
  parentPort.postMessage({ open: String(error && error.message || error) });
}
if (db) {
  const answers = [];
  for (const q of workerData.queries) {
    try {
      const stmt = db.prepare(q.sql);
      const value = q.mode === 'pluck' ? stmt.pluck().get(...(q.params || [])) : stmt.all(...(q.params || []));
      answers.push({ ok: true, value });
    } catch (error) {
      answers.push({ ok: false, error: String(error && error.message || error) });
    }
  }
  db.close();
  parentPort.postMessage({ answers });
}
`;

let driverPath: string | undefined;
function driver(): string {
  driverPath ??= createRequire(import.meta.url).resolve('better-sqlite3');
  return driverPath;
}

/**
 * Run read-only statements on another thread, over a connection of its own to `file`:
 * the long SQLite checks (integrity_check, foreign keys, counting scans) use the second
 * core while this thread does other work. The statements run in order, in one thread, so
 * a check that needs several of them sees the file as its own connection does. Rejects
 * when the file cannot be opened; a failing statement answers `{ ok: false }`. Aborting
 * stops the worker (after the statement it is in) and rejects once it has let go of the file.
 */
export function queryInWorker(
  file: string,
  queries: WorkerQuery[],
  signal: AbortSignal,
  options: {
    readonly: boolean;
    /** PRAGMA mmap_size for the connection: only for a private file nothing else writes (see verify-archive.ts). */
    mmapSize?: number;
  },
): Promise<WorkerAnswer[]> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { file, queries, readonly: options.readonly, mmapSize: options.mmapSize ?? 0, driver: driver() },
    });
    let settled = false;
    const finish = (done: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      done();
    };
    const onAbort = () => void worker.terminate();
    signal.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (m: { answers?: WorkerAnswer[]; open?: string }) => {
      if (m.answers) finish(() => resolve(m.answers as WorkerAnswer[]));
      else finish(() => reject(new Error(`cannot be opened: ${m.open ?? 'unknown error'}`)));
    });
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', () =>
      finish(() =>
        reject(signal.aborted ? abortError(signal) : new Error('the checking thread stopped before it answered')),
      ),
    );
  });
}

/** The value of a successful answer; a failed one throws its error. */
export function answerValue(answer: WorkerAnswer | undefined): unknown {
  if (!answer) throw new Error('the checking thread gave no answer');
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
}
