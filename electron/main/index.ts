import { app, dialog, ipcMain, safeStorage, session, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy } from '../core/host/static-files';
import { APP_FOLDER } from '../core/paths';
import { isAppUrl, resolveAppEntry } from './app-entry';
import { resolveDataDir } from './args';
import { callTimeoutMs } from './call-timeouts';
import { EVENT_CHANNEL } from './channels';
import { spawnCoreWorker } from './core-process';
import { createCoreSupervisor, type CoreProblem } from './core-supervisor';
import { hardenAllWebContents, hardenSession } from './harden';
import type { EventMessage } from './protocol';
import { registerContract } from './register-contract';
import { createSecretRelay } from './secret-relay';
import { SecretStore } from './secret-store';
import { watchNetwork } from './network-watch';
import { isTrustedSender } from './sender-check';
import { devContentSecurityPolicy } from './web-security';
import { createMainWindow, focusWindow, trustedWindowOf } from './window';

const outMain = dirname(fileURLToPath(import.meta.url));
/** Beside the journal; safeStorage ciphertext only (see secret-store.ts). */
const SECRETS_FILE = 'secrets.json';
const dataDir = resolveDataDir(process.argv.slice(1));

// userData is the journal folder, so Electron's single-instance lock is per journal and
// the app, the CLI (`defaultDataDir`) and `--data-dir` all agree on where data lives.
app.setName(APP_FOLDER);
app.setPath('userData', dataDir);
// Every renderer sandboxed, even one created by mistake without our webPreferences.
app.enableSandbox();

if (app.requestSingleInstanceLock()) startApp();
else app.quit();

function startApp(): void {
  const entry = resolveAppEntry({
    rendererIndex: join(outMain, '../renderer/index.html'),
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
  });
  const appUrl = (url: string): boolean => isAppUrl(entry, url);
  const policy =
    entry.kind === 'dev' ? devContentSecurityPolicy(contentSecurityPolicy, entry.url) : contentSecurityPolicy;
  let win: BrowserWindow | undefined;
  // API keys and the cloud connection, encrypted with the OS keychain; read at each (re)start of the core.
  const secrets = new SecretStore(safeStorage, join(dataDir, SECRETS_FILE));
  const workerSecrets = () => ({
    storage: secrets.storageInfo(),
    kept: secrets.read((problem) => console.error(`saved secrets: ${problem}`)),
  });

  const core = createCoreSupervisor({
    spawn: () => spawnCoreWorker(join(outMain, 'core-worker.js'), dataDir, workerSecrets()),
    timeoutFor: callTimeoutMs,
    onEvent: (message) => sendEvent(win, message),
    onProblem: reportProblem,
  });

  hardenAllWebContents(app, appUrl);
  app.on('second-instance', () => focusWindow(win));

  const openWindow = (): void => {
    win = createMainWindow(entry, join(outMain, '../preload/index.cjs'));
    const opened = win;
    opened.on('closed', () => {
      if (win === opened) win = undefined;
    });
  };

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession, appUrl, policy);
      core.start();
      const unregister = registerContract(ipcMain, createSecretRelay(secrets, core), (event) =>
        isTrustedSender(event, trustedWindowOf(win), appUrl),
      );
      app.once('will-quit', unregister);
      // Network back or machine awake: the core syncs now rather than after its backoff.
      const stopWatching = watchNetwork({
        reconnected: () => core.invoke('sync.reconnected', {}),
        log: (message) => console.error(message),
      });
      app.once('will-quit', stopWatching);
      openWindow();
      app.on('activate', () => {
        if (!win) openWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('the app could not start', error);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock without windows; elsewhere closing the window quits.
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit waits (up to 5 s) for the core to finish running calls and close the journal.
  let closedCore = false;
  app.on('before-quit', (event) => {
    if (closedCore) return;
    event.preventDefault();
    void core.shutdown().finally(() => {
      closedCore = true;
      app.quit();
    });
  });
}

function sendEvent(win: BrowserWindow | undefined, message: EventMessage): void {
  if (!win || win.isDestroyed()) return;
  win.webContents.send(EVENT_CHANNEL, { event: message.event, payload: message.payload });
}

function reportProblem(problem: CoreProblem): void {
  switch (problem.kind) {
    case 'restarted':
      console.error(`the core worker exited (code ${problem.exitCode}); restarted it`);
      return;
    case 'stopped':
      console.error(`the core worker exited again (code ${problem.exitCode}); not restarting`);
      dialog.showErrorBox(
        'Trading Path Journal',
        'The journal engine stopped and could not be restarted. Please quit and reopen the app.',
      );
      return;
    case 'fatal':
      console.error(`the core could not open the journal: ${problem.error.message}`);
      dialog.showErrorBox('Trading Path Journal', problem.error.message);
      return;
  }
}
