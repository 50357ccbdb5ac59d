import { BrowserWindow } from 'electron';
import { entryUrl, type AppEntry } from './app-entry';
import type { TrustedWindow } from './sender-check';

/** The one app window: isolated, sandboxed, no Node in the page; preload is its only bridge. */
export function createMainWindow(entry: AppEntry, preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Trading Path Journal',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  // Show once painted, so the trader never sees a blank white frame.
  win.once('ready-to-show', () => win.show());
  win.loadURL(entryUrl(entry)).catch((error: unknown) => console.error('the app page did not load', error));
  return win;
}

/** What the IPC sender check needs to know about the window, or undefined when it is gone. */
export function trustedWindowOf(win: BrowserWindow | undefined): TrustedWindow | undefined {
  if (!win || win.isDestroyed()) return undefined;
  return { webContentsId: win.webContents.id, mainFrame: win.webContents.mainFrame };
}

/** Bring the existing window forward (second launch, dock click). */
export function focusWindow(win: BrowserWindow | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}
