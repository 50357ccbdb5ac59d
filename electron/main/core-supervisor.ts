import type { MethodName, Result } from '../../shared/contract';
import type { AppStatus } from '../../shared/domain/types';
import { isWorkerToMain, type EventMessage, type FatalMessage, type MainToWorker } from './protocol';
import { createRequestRelay, realTimers, type Timers } from './request-relay';

/** One running core worker, as main sees it (a utilityProcess + its MessagePort in the app). */
export type CoreConnection = {
  send(message: MainToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
};

/** Something the trader or the log should hear about the core process. */
export type CoreProblem =
  | { kind: 'restarted'; exitCode: number }
  | { kind: 'stopped'; exitCode: number }
  | { kind: 'fatal'; error: FatalMessage };

export type SupervisorOptions = {
  spawn(): CoreConnection;
  timeoutFor(method: MethodName): number;
  onEvent(message: EventMessage): void;
  onProblem(problem: CoreProblem): void;
  /** How long quitting waits for the core to close the journal; then it is stopped. */
  shutdownTimeoutMs?: number;
  timers?: Timers;
};

export type CoreSupervisor = {
  invoke(method: MethodName, input: unknown): Promise<Result<unknown>>;
  start(): void;
  /** Ask the core to close the journal; resolves when it did, or after the timeout. Never rejects. */
  shutdown(): Promise<void>;
};

const MAX_RESTARTS = 1;
export const RESTART_NOTICE =
  'The journal engine stopped unexpectedly and was restarted; your last action may not have been saved.';
const STOPPED_NOTICE = 'The journal engine stopped and could not be restarted. Please quit and reopen the app.';

/**
 * Runs the core worker: relays calls, forwards events, restarts a crashed worker once,
 * and closes it gracefully on quit. A worker that reported a fatal start-up error is not
 * restarted (it would fail the same way); calls get its reason instead.
 */
export function createCoreSupervisor(options: SupervisorOptions): CoreSupervisor {
  const timers = options.timers ?? realTimers;
  let current: { connection: CoreConnection; exited: boolean; closed: () => void } | undefined;
  let restarts = 0;
  let fatal: FatalMessage | undefined;
  let state: 'idle' | 'running' | 'stopped' | 'shutting-down' = 'idle';

  const relay = createRequestRelay({
    send: (request) => {
      if (!current || current.exited) throw new Error('no core');
      current.connection.send(request);
    },
    timeoutFor: (method) => options.timeoutFor(method),
    timers,
  });

  const connect = (): void => {
    const connection = options.spawn();
    const entry = { connection, exited: false, closed: () => {} };
    current = entry;
    connection.onMessage((message) => {
      if (!isWorkerToMain(message)) return;
      if (message.type === 'response') relay.receive(message);
      else if (message.type === 'event') options.onEvent(message);
      else if (message.type === 'closed') entry.closed();
      else {
        fatal = message;
        options.onProblem({ kind: 'fatal', error: message });
      }
    });
    connection.onExit((code) => {
      entry.exited = true;
      entry.closed();
      if (current !== entry || state !== 'running') return;
      relay.failAll('UNAVAILABLE', 'The journal engine stopped while answering; try again in a moment.');
      if (fatal || restarts >= MAX_RESTARTS) {
        state = 'stopped';
        // After a fatal start-up error the trader has already been told why.
        if (!fatal) options.onProblem({ kind: 'stopped', exitCode: code });
        return;
      }
      restarts += 1;
      connect();
      options.onProblem({ kind: 'restarted', exitCode: code });
      void reportRestart();
    });
  };

  // The status bar is where the trader looks; show the restart there, with fresh counts.
  const reportRestart = async (): Promise<void> => {
    const result = await relay.invoke('app.status', {});
    if (!result.ok) return;
    const status = result.value as AppStatus;
    options.onEvent({
      type: 'event',
      event: 'status',
      payload: { ...status, sync: { ...status.sync, state: 'error', message: RESTART_NOTICE } },
    });
  };

  const closeGracefully = async (): Promise<void> => {
    const entry = current;
    state = 'shutting-down';
    if (!entry || entry.exited) return;
    let timer: unknown;
    await new Promise<void>((resolve) => {
      entry.closed = resolve;
      timer = timers.setTimeout(resolve, options.shutdownTimeoutMs ?? 5000);
      try {
        entry.connection.send({ type: 'shutdown' });
      } catch {
        resolve();
      }
    });
    timers.clearTimeout(timer);
    relay.failAll('UNAVAILABLE', 'The journal is closing.');
    if (!entry.exited) entry.connection.kill();
  };
  let shuttingDown: Promise<void> | undefined;

  return {
    start() {
      if (state !== 'idle') return;
      state = 'running';
      connect();
    },
    async invoke(method, input) {
      if (fatal) return { ok: false, error: { code: fatal.code, message: fatal.message } };
      if (state === 'stopped') return { ok: false, error: { code: 'UNAVAILABLE', message: STOPPED_NOTICE } };
      if (state !== 'running')
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'The journal is not open.' } };
      return relay.invoke(method, input);
    },
    shutdown() {
      shuttingDown ??= closeGracefully();
      return shuttingDown;
    },
  };
}
