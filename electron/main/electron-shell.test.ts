import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot run here: stand in for the few objects the thin shell modules touch.
const mocks = vi.hoisted(() => ({
  forks: [] as {
    path: string;
    args: string[];
    options: { execArgv?: string[] };
    child: unknown;
    posted: { message: unknown; ports: unknown[] }[];
  }[],
  windows: [] as { options: unknown; loaded: string[] }[],
  opened: [] as string[],
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakePort extends Emitter {
    posted: unknown[] = [];
    started = false;
    closed = false;
    postMessage(message: unknown) {
      this.posted.push(message);
    }
    start() {
      this.started = true;
    }
    close() {
      this.closed = true;
    }
  }
  class FakeChild extends Emitter {
    killed = false;
    kill() {
      this.killed = true;
      return true;
    }
  }
  class FakeWindow extends Emitter {
    webContents = { id: 3, mainFrame: { url: '', parent: null, processId: 1, routingId: 1 } };
    loaded: string[] = [];
    constructor(options: unknown) {
      super();
      mocks.windows.push({ options, loaded: this.loaded });
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }
  return {
    MessageChannelMain: class {
      port1 = new FakePort();
      port2 = new FakePort();
    },
    utilityProcess: {
      fork(path: string, args: string[], options: { execArgv?: string[] }) {
        const child = new FakeChild();
        const record = { path, args, options, child, posted: [] as { message: unknown; ports: unknown[] }[] };
        Object.assign(child, {
          postMessage: (message: unknown, ports: unknown[]) => record.posted.push({ message, ports }),
        });
        mocks.forks.push(record);
        return child;
      },
    },
    BrowserWindow: FakeWindow,
    shell: {
      openExternal: (url: string) => {
        mocks.opened.push(url);
        return Promise.resolve();
      },
    },
  };
});

const { spawnCoreWorker } = await import('./core-process');
const { createMainWindow } = await import('./window');
const { hardenAllWebContents, hardenSession } = await import('./harden');

describe('Electron shell wiring (with a stand-in Electron)', () => {
  beforeEach(() => {
    mocks.forks.length = 0;
    mocks.windows.length = 0;
    mocks.opened.length = 0;
  });

  it('forks the core worker and hands it the data folder and saved secrets with its MessagePort', () => {
    const secrets = {
      storage: { kind: 'keychain' as const, available: true, backend: null, message: null },
      kept: { geminiApiKey: 'kept-key' },
    };
    const connection = spawnCoreWorker('/app/out/main/core-worker.js', '/journal', secrets);
    const fork = mocks.forks[0];
    expect(fork?.path).toBe('/app/out/main/core-worker.js');
    // The core's V8 flags (a larger young generation for imports) reach the utility process.
    expect(fork?.options.execArgv).toEqual(['--max-semi-space-size=32']);
    expect(fork?.posted).toHaveLength(1);
    expect(fork?.posted[0]?.message).toEqual({ type: 'init', dataDir: '/journal', secrets });
    expect(fork?.posted[0]?.ports).toHaveLength(1);
    const child = fork?.child as EventEmitter & { killed: boolean };
    const exits: number[] = [];
    connection.onExit((code) => exits.push(code));
    child.emit('exit', 3);
    expect(exits).toEqual([3]);
    connection.kill();
    expect(child.killed).toBe(false);
  });

  it('opens the window isolated and sandboxed, with the preload as its only bridge', () => {
    createMainWindow({ kind: 'file', file: '/app/out/renderer/index.html' }, '/app/out/preload/index.cjs');
    const created = mocks.windows[0];
    expect(created?.options).toMatchObject({
      webPreferences: {
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    expect(created?.loaded).toEqual(['file:///app/out/renderer/index.html']);
  });

  it('blocks navigation away from the app, webviews and new windows; https links go to the browser', () => {
    const app = new EventEmitter();
    hardenAllWebContents(app as never, (url) => url.startsWith('file:///app/'));
    const contents = Object.assign(new EventEmitter(), {
      openHandler: undefined as undefined | ((details: { url: string }) => unknown),
      setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
        this.openHandler = handler;
      },
    });
    app.emit('web-contents-created', {}, contents);

    const navigate = (url: string) => {
      const event = { url, prevented: false, preventDefault: () => (event.prevented = true) };
      contents.emit('will-navigate', event);
      return event.prevented;
    };
    expect(navigate('file:///app/index.html#/journal')).toBe(false);
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('http://example.com/')).toBe(true);
    expect(mocks.opened).toEqual(['https://example.com/']);

    const webview = { prevented: false, preventDefault: () => (webview.prevented = true) };
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);

    expect(contents.openHandler?.({ url: 'https://docs.example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'http://insecure.example.com/' })).toEqual({ action: 'deny' });
    expect(mocks.opened).toEqual(['https://example.com/', 'https://docs.example.com/']);
  });

  it('puts the CSP on the app page only and refuses every permission', () => {
    type HeadersListener = (
      details: { url: string; responseHeaders?: Record<string, string[]> },
      callback: (r: unknown) => void,
    ) => void;
    let onHeaders: HeadersListener | undefined;
    let onRequest: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let onCheck: ((wc: unknown, permission: string) => boolean) | undefined;
    const session = {
      webRequest: { onHeadersReceived: (listener: HeadersListener) => (onHeaders = listener) },
      setPermissionRequestHandler: (handler: typeof onRequest) => (onRequest = handler),
      setPermissionCheckHandler: (handler: typeof onCheck) => (onCheck = handler),
    };
    hardenSession(session as never, (url) => url === 'file:///app/index.html', "default-src 'self'");

    const answers: unknown[] = [];
    onHeaders?.({ url: 'file:///app/index.html', responseHeaders: {} }, (r) => answers.push(r));
    onHeaders?.({ url: 'https://fonts.example.com/x.css' }, (r) => answers.push(r));
    expect(answers).toEqual([{ responseHeaders: { 'Content-Security-Policy': ["default-src 'self'"] } }, {}]);

    const granted: boolean[] = [];
    onRequest?.({}, 'media', (g) => granted.push(g));
    expect(granted).toEqual([false]);
    expect(onCheck?.({}, 'clipboard-read')).toBe(false);
  });
});
