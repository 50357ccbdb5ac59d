import type { MethodName, Result } from '../../shared/contract';
import { fail } from '../../shared/contract/errors';
import type { RequestMessage, ResponseMessage } from './protocol';

/** Timers, replaceable in tests. */
export type Timers = {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type RequestRelay = {
  /** Send one call to the core and wait for its answer; resolves UNAVAILABLE on timeout. Never rejects. */
  invoke(method: MethodName, input: unknown): Promise<Result<unknown>>;
  /** Deliver a response from the core; false when nobody waits for that id (late or unknown). */
  receive(response: ResponseMessage): boolean;
  /** Answer every waiting call with this error (the core stopped). */
  failAll(code: 'UNAVAILABLE', message: string): void;
  readonly pendingCount: number;
};

export type RelayOptions = {
  /** Posts a request to the core; may throw if the port is gone. */
  send(request: RequestMessage): void;
  /** How long a method may take before the caller hears UNAVAILABLE. */
  timeoutFor(method: MethodName): number;
  timers?: Timers;
};

type Pending = { resolve(result: Result<unknown>): void; timer: unknown };

/**
 * Correlates requests and responses over one MessagePort: each call gets an id, waits in
 * the pending map, and is answered once — by the core, by its timeout, or by `failAll`.
 */
export function createRequestRelay(options: RelayOptions): RequestRelay {
  const timers = options.timers ?? realTimers;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  const settle = (id: number, result: Result<unknown>): boolean => {
    const entry = pending.get(id);
    if (!entry) return false;
    pending.delete(id);
    timers.clearTimeout(entry.timer);
    entry.resolve(result);
    return true;
  };

  return {
    invoke(method, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        const timeoutMs = options.timeoutFor(method);
        const timer = timers.setTimeout(() => {
          settle(id, fail('UNAVAILABLE', 'The journal did not answer in time; try again in a moment.'));
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        try {
          options.send({ type: 'request', id, method, input });
        } catch {
          settle(id, fail('UNAVAILABLE', 'The journal is not running right now; try again in a moment.'));
        }
      });
    },
    receive: (response) => settle(response.id, response.result),
    failAll(code, message) {
      for (const id of [...pending.keys()]) settle(id, fail(code, message));
    },
    get pendingCount() {
      return pending.size;
    },
  };
}
