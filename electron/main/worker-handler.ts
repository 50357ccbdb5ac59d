import type { EventMap, EventName, Result } from '../../shared/contract';
import type { CallMeta } from '../core/invoke';
import type { MainToWorker, WorkerToMain } from './protocol';

/** What the worker needs from the core; `createCore` returns a superset. */
export type WorkerCore = {
  invoke(method: string, input: unknown, meta: CallMeta): Promise<Result<unknown>>;
  events: { onAny(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void };
  close(): void | Promise<void>;
};

/** After a message: keep serving, or the core is closed and the worker may be stopped. */
export type HandleOutcome = 'serving' | 'closed';

/**
 * Answer one message from main: a request gets exactly one response with the same id;
 * a shutdown closes the core and confirms with `closed`.
 */
export async function handleMessage(
  core: WorkerCore,
  message: MainToWorker,
  post: (message: WorkerToMain) => void,
): Promise<HandleOutcome> {
  if (message.type === 'shutdown') {
    await core.close();
    post({ type: 'closed' });
    return 'closed';
  }
  const meta: CallMeta = message.cid === undefined ? { door: 'ipc' } : { door: 'ipc', cid: message.cid };
  let result: Result<unknown>;
  try {
    result = await core.invoke(message.method, message.input, meta);
  } catch {
    // core.invoke promises never to throw; if it ever does, the caller still gets an answer.
    result = {
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong inside the app; nothing was saved.' },
    };
  }
  post({ type: 'response', id: message.id, result });
  return 'serving';
}
