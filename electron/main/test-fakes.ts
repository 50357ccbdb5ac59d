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

/** A stand-in for Electron's safeStorage: a reversible scramble (never plain text on disk), switchable off. */
export function createFakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const scramble = (data: Buffer) => Buffer.from(data.map((b) => b ^ 0x5a));
  const state = { available: options.available ?? true, backend: options.backend ?? 'gnome_libsecret' };
  return {
    state,
    isEncryptionAvailable: () => state.available,
    encryptString(text: string): Buffer {
      if (!state.available) throw new Error('Encryption is not available.');
      return Buffer.concat([Buffer.from('v10'), scramble(Buffer.from(text, 'utf8'))]);
    },
    decryptString(data: Buffer): string {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided');
      return scramble(data.subarray(3)).toString('utf8');
    },
    getSelectedStorageBackend: () => state.backend,
  };
}
