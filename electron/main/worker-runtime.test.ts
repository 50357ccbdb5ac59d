import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventMap, EventName, Result } from '../../shared/contract';
import { CoreError } from '../../shared/contract/errors';
import { createCore } from '../core/core';
import type { CallMeta } from '../core/invoke';
import type { WorkerSecrets } from './protocol';
import { createPortPair } from './test-fakes';
import type { WorkerCore } from './worker-handler';
import { describeStartupError, runWorker, type ParentPortLike, type PortLike } from './worker-runtime';

type ParentListener = (event: { data: unknown; ports: PortLike[] }) => void;

function fakeParentPort() {
  const listeners = new Set<ParentListener>();
  const parentPort: ParentPortLike = {
    on: (_event, listener) => listeners.add(listener),
    off: (_event, listener) => listeners.delete(listener),
  };
  const send = (data: unknown, ports: PortLike[] = []) => [...listeners].forEach((l) => l({ data, ports }));
  return { parentPort, send, listeners };
}

/** Start a worker over fake ports; returns main's end of the port and what it received. */
function startWorker(openCore: (dataDir: string, secrets?: WorkerSecrets) => WorkerCore, secrets?: WorkerSecrets) {
  const parent = fakeParentPort();
  runWorker({ parentPort: parent.parentPort, openCore });
  const [mainPort, workerPort] = createPortPair();
  const received: unknown[] = [];
  mainPort.on('message', ({ data }) => received.push(data));
  mainPort.start();
  parent.send({ type: 'init', dataDir: '/journal', ...(secrets ? { secrets } : {}) }, [workerPort]);
  const nextOf = async <T>(match: (m: Record<string, unknown>) => boolean): Promise<T> =>
    vi.waitFor(() => {
      const found = received.find((m) => typeof m === 'object' && m !== null && match(m as Record<string, unknown>));
      if (!found) throw new Error('not yet');
      return found as T;
    });
  return { parent, mainPort, received, nextOf };
}

function fakeCore() {
  let emit: (<E extends EventName>(event: E, payload: EventMap[E]) => void) | undefined;
  const calls: { method: string; input: unknown; meta: CallMeta }[] = [];
  let release: () => void = () => {};
  const core: WorkerCore & { closed: boolean } = {
    closed: false,
    invoke: async (method, input, meta) => {
      calls.push({ method, input, meta });
      if (method === 'slow') await new Promise<void>((resolve) => (release = resolve));
      const answer: Result<unknown> = { ok: true, value: { method, closedWhileRunning: core.closed } };
      return answer;
    },
    events: {
      onAny: (listener) => {
        emit = listener;
        return () => (emit = undefined);
      },
    },
    close: () => {
      core.closed = true;
    },
  };
  return {
    core,
    calls,
    emit: (...args: Parameters<NonNullable<typeof emit>>) => emit?.(...args),
    release: () => release(),
  };
}

describe('core worker runtime', () => {
  it('opens the core on the folder main names and answers each request with its id', async () => {
    const fake = fakeCore();
    const opened: string[] = [];
    const { mainPort, nextOf, parent } = startWorker((dir) => (opened.push(dir), fake.core));
    expect(opened).toEqual(['/journal']);
    expect(parent.listeners.size).toBe(0);
    mainPort.postMessage({ type: 'request', id: 7, method: 'accounts.list', input: {}, cid: 'c-1' });
    const response = await nextOf<{ result: Result<unknown> }>((m) => m.type === 'response' && m.id === 7);
    expect(response.result).toMatchObject({ ok: true, value: { method: 'accounts.list' } });
    expect(fake.calls[0]?.meta).toEqual({ door: 'ipc', cid: 'c-1' });
  });

  it('opens the core with the secrets main read from its keychain', () => {
    const fake = fakeCore();
    const secrets: WorkerSecrets = {
      storage: { kind: 'keychain', available: true, backend: null, message: null },
      kept: { geminiApiKey: 'kept-key', cloud: { databaseUrl: 'postgres://h/db', workspaceId: 'ws' } },
    };
    const opened: (WorkerSecrets | undefined)[] = [];
    startWorker((_dir, given) => (opened.push(given), fake.core), secrets);
    expect(opened).toEqual([secrets]);
  });

  it('forwards every core event to main', async () => {
    const fake = fakeCore();
    const { nextOf } = startWorker(() => fake.core);
    fake.emit('journal.changed', { entities: ['trades'] });
    const event = await nextOf<{ payload: unknown }>((m) => m.type === 'event');
    expect(event).toEqual({ type: 'event', event: 'journal.changed', payload: { entities: ['trades'] } });
  });

  it('ignores malformed messages instead of crashing', async () => {
    const fake = fakeCore();
    const { mainPort, nextOf, received } = startWorker(() => fake.core);
    mainPort.postMessage({ type: 'request', id: 'x' });
    mainPort.postMessage('hello');
    mainPort.postMessage({ type: 'request', id: 1, method: 'accounts.list', input: {} });
    await nextOf((m) => m.type === 'response' && m.id === 1);
    expect(received).toHaveLength(1);
  });

  it('on shutdown, lets running calls finish, closes the core, confirms, and refuses new calls', async () => {
    const fake = fakeCore();
    const { mainPort, nextOf, received } = startWorker(() => fake.core);
    mainPort.postMessage({ type: 'request', id: 1, method: 'slow', input: {} });
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1));
    mainPort.postMessage({ type: 'shutdown' });
    mainPort.postMessage({ type: 'request', id: 2, method: 'accounts.list', input: {} });
    const refused = await nextOf<{ result: Result<unknown> }>((m) => m.type === 'response' && m.id === 2);
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(fake.core.closed).toBe(false);
    fake.release();
    const slow = await nextOf<{ result: Result<unknown> }>((m) => m.type === 'response' && m.id === 1);
    expect(slow.result).toMatchObject({ ok: true, value: { closedWhileRunning: false } });
    await nextOf((m) => m.type === 'closed');
    expect(fake.core.closed).toBe(true);
    fake.emit('status', {} as EventMap['status']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received.filter((m) => (m as { type: string }).type === 'event')).toEqual([]);
  });

  it('when the core cannot open, says why — once on its own and then to every call', async () => {
    const { mainPort, nextOf } = startWorker(() => {
      throw new CoreError('SCHEMA_TOO_NEW', 'This journal was written by a newer version of the app.');
    });
    const fatal = await nextOf((m) => m.type === 'fatal');
    expect(fatal).toMatchObject({ code: 'SCHEMA_TOO_NEW' });
    mainPort.postMessage({ type: 'request', id: 3, method: 'accounts.list', input: {} });
    const answer = await nextOf<{ result: Result<unknown> }>((m) => m.type === 'response' && m.id === 3);
    expect(answer.result).toEqual({
      ok: false,
      error: { code: 'SCHEMA_TOO_NEW', message: 'This journal was written by a newer version of the app.' },
    });
    mainPort.postMessage({ type: 'shutdown' });
    await nextOf((m) => m.type === 'closed');
  });

  it('explains a native module built for the wrong runtime in words a developer can act on', () => {
    const error = new Error(
      'The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.',
    );
    const fatal = describeStartupError(error);
    expect(fatal.code).toBe('UNAVAILABLE');
    expect(fatal.message).toContain('install-app-deps');
    expect(describeStartupError(new Error('EACCES'))).toMatchObject({ code: 'STORAGE' });
  });

  describe('with the real core', () => {
    let dataDir: string | undefined;
    afterEach(() => {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('creates and lists an account over the port, and reports the change', async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'tpj-worker-'));
      const dir = dataDir;
      const { mainPort, nextOf } = startWorker(() => createCore({ dataDir: dir }));
      mainPort.postMessage({ type: 'request', id: 1, method: 'accounts.create', input: { name: 'Main' } });
      const created = await nextOf<{ result: Result<unknown> }>((m) => m.type === 'response' && m.id === 1);
      expect(created.result).toMatchObject({ ok: true, value: { name: 'Main' } });
      const changed = await nextOf((m) => m.type === 'event' && m.event === 'journal.changed');
      expect((changed as { payload: { entities: string[] } }).payload.entities).toContain('accounts');
      mainPort.postMessage({ type: 'request', id: 2, method: 'accounts.list', input: {} });
      const listed = await nextOf<{ result: Result<unknown> }>((m) => m.type === 'response' && m.id === 2);
      expect(listed.result).toMatchObject({ ok: true, value: [{ name: 'Main' }] });
      mainPort.postMessage({ type: 'shutdown' });
      await nextOf((m) => m.type === 'closed');
    });
  });
});
