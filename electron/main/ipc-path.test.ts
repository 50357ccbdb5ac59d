import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../core/core';
import { createIpcClient, type IpcRendererLike } from '../preload/ipc-client';
import { EVENT_CHANNEL } from './channels';
import { callTimeoutMs } from './call-timeouts';
import { createCoreSupervisor, type CoreConnection, type CoreSupervisor } from './core-supervisor';
import { registerContract } from './register-contract';
import { createFakeIpcMain, createPortPair } from './test-fakes';
import { runWorker, type PortLike } from './worker-runtime';

type Event = { fromAppWindow: boolean };

/** The whole Electron path in one process: page → preload → main → worker → core, and events back. */
function wireApp(dataDir: string, fromAppWindow = true) {
  const spawn = (): CoreConnection => {
    const [mainPort, workerPort] = createPortPair();
    let initListener: ((event: { data: unknown; ports: PortLike[] }) => void) | undefined;
    runWorker({
      parentPort: { on: (_e, l) => (initListener = l), off: () => (initListener = undefined) },
      openCore: (dir) => createCore({ dataDir: dir }),
    });
    initListener?.({ data: { type: 'init', dataDir }, ports: [workerPort] });
    mainPort.start();
    return {
      send: (message) => mainPort.postMessage(message),
      onMessage: (listener) => mainPort.on('message', ({ data }) => listener(data)),
      onExit: () => {},
      kill: () => mainPort.close(),
    };
  };
  const rendererListeners = new Set<(event: unknown, ...args: unknown[]) => void>();
  const core: CoreSupervisor = createCoreSupervisor({
    spawn,
    timeoutFor: callTimeoutMs,
    onEvent: (message) =>
      rendererListeners.forEach((l) => l({}, structuredClone({ event: message.event, payload: message.payload }))),
    onProblem: () => {},
  });
  core.start();
  const main = createFakeIpcMain<Event>();
  registerContract(main.ipcMain, core, (event) => event.fromAppWindow);
  const ipcRenderer: IpcRendererLike = {
    invoke: (channel, input) => main.call(channel, { fromAppWindow }, structuredClone(input)),
    on: (channel, listener) => channel === EVENT_CHANNEL && rendererListeners.add(listener),
    removeListener: (_channel, listener) => rendererListeners.delete(listener),
  };
  return { tpj: createIpcClient(ipcRenderer), core };
}

describe('the Electron IPC path, end to end', () => {
  let dataDir: string | undefined;
  let core: CoreSupervisor | undefined;
  afterEach(async () => {
    await core?.shutdown();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a trader adds an account in the window, sees it listed, and the view hears about the change', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-ipc-'));
    const app = wireApp(dataDir);
    core = app.core;
    const changes: unknown[] = [];
    const off = app.tpj.on('journal.changed', (payload) => changes.push(payload));

    const created = await app.tpj.invoke('accounts.create', { name: 'Futures' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Futures' } });
    expect(await app.tpj.invoke('accounts.list', {})).toMatchObject({ ok: true, value: [{ name: 'Futures' }] });
    await vi.waitFor(() => expect(JSON.stringify(changes)).toContain('"accounts"'));
    off();

    const invalid = await app.tpj.invoke('accounts.create', { name: '' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a page that is not the app window gets nothing', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-ipc-'));
    const app = wireApp(dataDir, false);
    core = app.core;
    expect(await app.tpj.invoke('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });
});
