import type { MethodName } from '../../shared/contract';

/** Most calls answer in milliseconds; past this the core is stuck, and the UI should say so. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/** Calls that legitimately run long (bulk writes), with room to finish on a slow disk. */
const slowCalls: Partial<Record<MethodName, number>> = {
  'demo.load': 10 * 60_000,
  'attachments.add': 2 * 60_000,
  'trades.bulkTag': 2 * 60_000,
  // Backups read, write and check the whole journal; a big one on a USB drive takes minutes.
  'backups.create': 30 * 60_000,
  'backups.restore': 30 * 60_000,
  'journal.verify': 10 * 60_000,
  // Gemini: up to three 30 s attempts with backoff before the local coach answers.
  'coach.ask': 3 * 60_000,
  'ai.test': 60_000,
  // A first sync pushes the whole journal; comparing digests reads every table on both sides.
  'sync.now': 10 * 60_000,
  'sync.verify': 10 * 60_000,
  'sync.test': 60_000,
};

/** How long main waits for the core to answer `method` before answering UNAVAILABLE. */
export function callTimeoutMs(method: MethodName): number {
  return slowCalls[method] ?? DEFAULT_CALL_TIMEOUT_MS;
}
