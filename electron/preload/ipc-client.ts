import { isMethodName, type EventMap, type EventName, type TpjClient } from '../../shared/contract';
import { eventNames } from '../../shared/contract/events';
import { EVENT_CHANNEL, invokeChannel, type EventEnvelope } from '../main/channels';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** The parts of Electron's ipcRenderer the client uses; a fake stands in for it in tests. */
export type IpcRendererLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
};

/**
 * `window.tpj`: calls go to main on the method's own channel, events arrive on one channel
 * filtered by name. Only contract names pass, so the page cannot reach any other IPC.
 */
export function createIpcClient(ipc: IpcRendererLike): TpjClient {
  return {
    async invoke(method, input) {
      type Answer = Awaited<ReturnType<TpjClient['invoke']>>;
      if (typeof method !== 'string' || !isMethodName(method)) {
        return {
          ok: false,
          error: {
            code: 'UNKNOWN_METHOD',
            message: `"${String(method)}" is not something this version of the app can do.`,
          },
        };
      }
      try {
        return (await ipc.invoke(invokeChannel(method), input)) as Answer;
      } catch {
        // Main answers with values; a rejection means it is not listening (starting or quitting).
        return {
          ok: false,
          error: { code: 'UNAVAILABLE', message: 'The journal is not ready; try again in a moment.' },
        };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      if (!(eventNames as string[]).includes(event) || typeof listener !== 'function') return () => {};
      const relay: Listener = (_ipcEvent, message) => {
        if (isEnvelope(message) && message.event === event) listener(message.payload as EventMap[E]);
      };
      ipc.on(EVENT_CHANNEL, relay);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, relay);
      };
    },
  };
}

function isEnvelope(value: unknown): value is EventEnvelope {
  return typeof value === 'object' && value !== null && typeof (value as { event?: unknown }).event === 'string';
}
