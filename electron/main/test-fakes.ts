import type { Result } from '../../shared/contract';
import type { IpcMainLike } from './register-contract';
import type { PortLike } from './worker-runtime';

/** Test doubles for Electron's IPC pieces; imported only by tests. */

type MessageListener = (event: { data: unknown }) => void;

/** An in-memory MessagePortMain pair: what one side posts, the other receives (async, like the real one). */
export function createPortPair(): [PortLike & { closed: boolean }, PortLike & { closed: boolean }] {
  const make = () => {
    const listeners: MessageListener[] = [];
    const queue: unknown[] = [];
    let started = false;
    const port = {
      peer: undefined as { deliver(data: unknown): void } | undefined,
      closed: false,
      deliver(data: unknown) {
        if (!started) return void queue.push(data);
        setImmediate(() => listeners.forEach((listener) => listener({ data })));
      },
      postMessage(message: unknown) {
        // Structured clone, as across processes: no shared references, functions refused.
        if (!port.closed) port.peer?.deliver(structuredClone(message));
      },
      on(_event: 'message', listener: MessageListener) {
        listeners.push(listener);
        return port;
      },
      start() {
        started = true;
        queue.splice(0).forEach((data) => port.deliver(data));
      },
      close() {
        port.closed = true;
      },
    };
    return port;
  };
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

type Handler<E> = (event: E, ...args: unknown[]) => Promise<Result<unknown>>;

/** Records what main registers with ipcMain.handle, and lets a test call it like the renderer would. */
export function createFakeIpcMain<E>() {
  const handlers = new Map<string, Handler<E>>();
  const ipcMain: IpcMainLike<E> = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const call = (channel: string, event: E, input: unknown): Promise<Result<unknown>> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, input);
  };
  return { ipcMain, handlers, call };
}
