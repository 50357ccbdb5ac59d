import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../shared/contract';

// A stand-in Electron, rich enough for index.ts to run its whole lifecycle in plain Node.
const fake = vi.hoisted(() => ({
  state: {} as {
    app: EventEmitter;
    calls: string[];
    paths: Record<string, string>;
    lock: boolean;
    handlers: Map<string, unknown>;
    windows: unknown[];
    forks: { path: string; posted: unknown[] }[];
    ports: { posted: unknown[]; emit(event: string, value: unknown): boolean }[];
    power: EventEmitter;
  },
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const s = fake.state;
  class Port extends Emitter {
    posted: unknown[] = [];
    postMessage(message: unknown) {
      this.posted.push(message);
    }
    start() {}
    close() {}
  }
  class Window extends Emitter {
    webContents = { id: 1, mainFrame: { url: '', parent: null, processId: 1, routingId: 1 }, send: () => {} };
    constructor(readonly options: unknown) {
      super();
      s.windows.push(this);
    }
    loadURL() {
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }
  return {
    get app() {
      return s.app;
    },
    BrowserWindow: Window,
    MessageChannelMain: class {
      port1 = new Port();
      port2 = new Port();
      constructor() {
        s.ports.push(this.port1);
      }
    },
    utilityProcess: {
      fork(path: string) {
        const record = { path, posted: [] as unknown[] };
        s.forks.push(record);
        return Object.assign(new Emitter(), { kill: () => true, postMessage: (m: unknown) => record.posted.push(m) });
      },
    },
    ipcMain: {
      handle: (channel: string, listener: unknown) => s.handlers.set(channel, listener),
      removeHandler: (channel: string) => s.handlers.delete(channel),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => {} },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
      },
    },
    get powerMonitor() {
      return s.power;
    },
    net: { isOnline: () => true },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`enc:${text}`),
      decryptString: (data: Buffer) => data.toString().slice(4),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
    dialog: { showErrorBox: () => {} },
    shell: { openExternal: () => Promise.resolve() },
  };
});

function freshApp() {
  const s = fake.state;
  s.calls = [];
  s.paths = {};
  s.handlers = new Map();
  s.windows = [];
  s.forks = [];
  s.ports = [];
  s.power = new EventEmitter();
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    setName: (name: string) => s.calls.push(`setName:${name}`),
    setPath: (name: string, value: string) => (s.paths[name] = value),
    enableSandbox: () => s.calls.push('enableSandbox'),
    requestSingleInstanceLock: () => s.lock,
    whenReady: () => Promise.resolve(),
    quit: () => {
      s.calls.push('quit');
      app.emit('before-quit', { preventDefault: () => s.calls.push('quit-deferred') });
    },
    exit: (code: number) => s.calls.push(`exit:${code}`),
  });
  s.app = app;
}

describe('main process lifecycle', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubEnv('TPJ_DATA_DIR', '/tmp/tpj-lifecycle-journal');
    freshApp();
  });
  afterEach(() => vi.unstubAllEnvs());

  it('uses the journal folder as userData and quits when another instance holds it', async () => {
    fake.state.lock = false;
    await import('./index');
    expect(fake.state.paths.userData).toBe(resolve('/tmp/tpj-lifecycle-journal'));
    expect(fake.state.calls).toEqual(['setName:Trading Path Journal', 'enableSandbox', 'quit']);
    expect(fake.state.forks).toEqual([]);
  });

  it('starts the core worker, registers every contract method, opens one window, and closes the core before quitting', async () => {
    fake.state.lock = true;
    await import('./index');
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
    expect([...fake.state.handlers.keys()].sort()).toEqual(methodNames.map((m) => `tpj:${m}`).sort());
    const fork = fake.state.forks[0];
    expect(fork?.path).toMatch(/core-worker\.js$/);
    expect(fork?.posted).toEqual([
      {
        type: 'init',
        dataDir: resolve('/tmp/tpj-lifecycle-journal'),
        secrets: {
          storage: {
            kind: 'keychain',
            available: true,
            backend: process.platform === 'linux' ? 'gnome_libsecret' : null,
            message: null,
          },
          kept: {},
        },
      },
    ]);

    fake.state.app.emit('before-quit', { preventDefault: () => fake.state.calls.push('quit-deferred') });
    expect(fake.state.calls).toContain('quit-deferred');
    expect(fake.state.calls).not.toContain('quit');
    const port = fake.state.ports[0];
    await vi.waitFor(() => expect(port?.posted).toContainEqual({ type: 'shutdown' }));
    port?.emit('message', { data: { type: 'closed' } });
    await vi.waitFor(() => expect(fake.state.calls).toContain('quit'));
    fake.state.app.emit('will-quit');
    expect(fake.state.handlers.size).toBe(0);
    expect(fake.state.power.listenerCount('resume')).toBe(0);
  });

  it('asks the core to sync when the machine resumes', async () => {
    fake.state.lock = true;
    await import('./index');
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
    const port = fake.state.ports[0];
    fake.state.power.emit('resume');
    const request = await vi.waitFor(() => {
      const found = port?.posted.find(
        (m): m is { type: 'request'; id: number; method: string } =>
          (m as { method?: string }).method === 'sync.reconnected',
      );
      expect(found).toBeDefined();
      return found!;
    });
    // Answer it, so the relay holds no timer after the test.
    port?.emit('message', { data: { type: 'response', id: request.id, result: { ok: true, value: { ok: true } } } });
    fake.state.app.emit('will-quit');
  });

  it('keeps a key the page sends in the keychain file, then hands it to the core', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpj-main-secrets-'));
    vi.stubEnv('TPJ_DATA_DIR', dir);
    try {
      fake.state.lock = true;
      await import('./index');
      await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
      const win = fake.state.windows[0] as { webContents: { id: number; mainFrame: { url: string } } };
      // The app's own page, as app-entry resolves it for a packaged build.
      win.webContents.mainFrame.url = pathToFileURL(
        resolve(fileURLToPath(new URL('.', import.meta.url)), '../renderer/index.html'),
      ).href;
      const handler = fake.state.handlers.get('tpj:secrets.gemini.set') as (
        event: unknown,
        input: unknown,
      ) => Promise<unknown>;
      const event = { sender: { id: win.webContents.id }, senderFrame: win.webContents.mainFrame };
      const answer = handler(event, { apiKey: 'AIzaSy-main-test-key' });

      const port = fake.state.ports[0];
      const request = await vi.waitFor(() => {
        const found = port?.posted.find(
          (m): m is { id: number; method: string } => (m as { method?: string }).method === 'secrets.gemini.set',
        );
        expect(found).toBeDefined();
        return found!;
      });
      const file = readFileSync(join(dir, 'secrets.json'), 'utf8');
      expect(file).toContain('gemini');
      expect(file).not.toContain('AIzaSy-main-test-key');
      const status = { gemini: { set: true, source: 'keychain' } };
      port?.emit('message', { data: { type: 'response', id: request.id, result: { ok: true, value: status } } });
      expect(await answer).toEqual({ ok: true, value: status });
      fake.state.app.emit('will-quit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
