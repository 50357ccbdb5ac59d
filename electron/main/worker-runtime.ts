import type { AppError } from '../../shared/contract';
import { CoreError } from '../../shared/contract/errors';
import { isInitMessage, isMainToWorker, type FatalMessage, type WorkerSecrets, type WorkerToMain } from './protocol';
import { handleMessage, type WorkerCore } from './worker-handler';

/** The parts of Electron's MessagePortMain the worker uses. */
export type PortLike = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
  close(): void;
};

/** The parts of `process.parentPort` (utilityProcess) the worker uses. */
export type ParentPortLike = {
  on(event: 'message', listener: (event: { data: unknown; ports: PortLike[] }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown; ports: PortLike[] }) => void): unknown;
};

export type WorkerDeps = {
  parentPort: ParentPortLike;
  /** Opens the core on the journal folder with main's secrets; may throw (newer schema, unreadable disk…). */
  openCore(dataDir: string, secrets?: WorkerSecrets): WorkerCore;
};

/**
 * The worker's life: wait for `init` (data folder + MessagePort), open the core, serve
 * requests and forward events over the port until main asks it to shut down. When the
 * core cannot open, every request is answered with the reason instead, so the UI can
 * say why rather than time out.
 */
export function runWorker(deps: WorkerDeps): void {
  const onInit = (event: { data: unknown; ports: PortLike[] }): void => {
    const port = event.ports[0];
    if (!isInitMessage(event.data) || !port) return;
    deps.parentPort.off('message', onInit);
    serve(deps, event.data, port);
  };
  deps.parentPort.on('message', onInit);
}

function serve(deps: WorkerDeps, init: { dataDir: string; secrets?: WorkerSecrets | undefined }, port: PortLike): void {
  const post = (message: WorkerToMain): void => port.postMessage(message);
  let core: WorkerCore | undefined;
  let fatal: FatalMessage | undefined;
  try {
    core = deps.openCore(init.dataDir, init.secrets);
  } catch (error) {
    fatal = describeStartupError(error);
  }
  let closing: Promise<unknown> | undefined;
  const inFlight = new Set<Promise<unknown>>();
  const offEvents = core?.events.onAny((event, payload) => post({ type: 'event', event, payload }));

  port.on('message', ({ data }) => {
    if (!isMainToWorker(data)) return;
    if (data.type === 'request') {
      if (!core || closing) {
        post({ type: 'response', id: data.id, result: { ok: false, error: refusal(fatal) } });
        return;
      }
      const call = handleMessage(core, data, post);
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
      return;
    }
    if (!closing) {
      offEvents?.();
      const open = core;
      // Let calls already running finish before the database closes under them.
      closing = Promise.allSettled([...inFlight])
        .then(async () => {
          if (open) await handleMessage(open, data, post);
          else post({ type: 'closed' });
        })
        // A failed close was logged by the core; main still needs the answer to finish quitting.
        .catch(() => post({ type: 'closed' }));
    } else {
      void closing.then(() => post({ type: 'closed' }));
    }
  });
  port.start();
  if (fatal) post(fatal);
}

function refusal(fatal: FatalMessage | undefined): AppError {
  if (fatal) return { code: fatal.code, message: fatal.message };
  return { code: 'UNAVAILABLE', message: 'The journal is closing; try again after the app restarts.' };
}

/** Why the core could not open, in words for the trader (and a hint for developers). */
export function describeStartupError(error: unknown): FatalMessage {
  if (error instanceof CoreError) return { type: 'fatal', code: error.code, message: error.message };
  const text = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version/.test(text)) {
    return {
      type: 'fatal',
      code: 'UNAVAILABLE',
      message:
        'The journal database module was built for a different runtime. Developers: run `npx electron-builder install-app-deps` to rebuild it for Electron.',
    };
  }
  return { type: 'fatal', code: 'STORAGE', message: 'The journal could not be opened. The details are in the log.' };
}
