import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/contract';
import { createIpcClient, type IpcRendererLike } from './ipc-client';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer(
  answer: (channel: string, input: unknown) => Promise<unknown> = () => Promise.resolve({ ok: true, value: 'ok' }),
) {
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: (channel, input) => {
      invoked.push({ channel, input });
      return answer(channel, input);
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, message: unknown) =>
    listeners.get(channel)?.forEach((l) => l({ sender: 'ipc' }, message));
  return { ipc, invoked, listeners, emit };
}

describe('preload client (window.tpj)', () => {
  it('sends a contract call on the method’s own channel and returns main’s answer', async () => {
    const fake = fakeIpcRenderer(() => Promise.resolve({ ok: true, value: [{ name: 'Main' }] }));
    const client = createIpcClient(fake.ipc);
    expect(await client.invoke('accounts.list', {})).toEqual({ ok: true, value: [{ name: 'Main' }] });
    expect(fake.invoked).toEqual([{ channel: 'tpj:accounts.list', input: {} }]);
  });

  it('refuses names outside the contract without sending anything', async () => {
    const fake = fakeIpcRenderer();
    const client = createIpcClient(fake.ipc);
    for (const name of ['shell.openExternal', 'constructor', '__proto__', 'event']) {
      const result = await client.invoke(name as MethodName, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(fake.invoked).toEqual([]);
  });

  it('turns a rejected invoke (main not listening) into an UNAVAILABLE value', async () => {
    const fake = fakeIpcRenderer(() => Promise.reject(new Error("No handler registered for 'tpj:accounts.list'")));
    const result = await createIpcClient(fake.ipc).invoke('accounts.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('delivers only the subscribed event’s payload, never the IPC event object', () => {
    const fake = fakeIpcRenderer();
    const client = createIpcClient(fake.ipc);
    const changes: unknown[] = [];
    const off = client.on('journal.changed', (payload) => changes.push(payload));
    fake.emit('tpj:event', { event: 'status', payload: { version: '1' } });
    fake.emit('tpj:event', { event: 'journal.changed', payload: { entities: ['trades'] } });
    fake.emit('tpj:event', 'garbage');
    expect(changes).toEqual([{ entities: ['trades'] }]);
    off();
    fake.emit('tpj:event', { event: 'journal.changed', payload: { entities: ['tags'] } });
    expect(changes).toHaveLength(1);
    expect(fake.listeners.get('tpj:event')?.size).toBe(0);
  });

  it('does not subscribe to names outside the contract', () => {
    const fake = fakeIpcRenderer();
    const off = createIpcClient(fake.ipc).on('not-an-event' as 'status', () => {});
    expect(fake.listeners.size).toBe(0);
    off();
  });

  it('exposes invoke and on, nothing else', () => {
    expect(Object.keys(createIpcClient(fakeIpcRenderer().ipc)).sort()).toEqual(['invoke', 'on']);
  });
});
