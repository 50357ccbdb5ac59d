import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where the window's page comes from: the built index.html, or electron-vite's dev server. */
export type AppEntry = { kind: 'file'; file: string } | { kind: 'dev'; url: string };

export type AppEntryOptions = {
  /** Absolute path of out/renderer/index.html. */
  rendererIndex: string;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`. */
  devServerUrl: string | undefined;
  isPackaged: boolean;
};

/** A packaged app never loads a dev server, whatever the environment says. */
export function resolveAppEntry(options: AppEntryOptions): AppEntry {
  if (!options.isPackaged && options.devServerUrl && isHttpUrl(options.devServerUrl)) {
    return { kind: 'dev', url: options.devServerUrl };
  }
  return { kind: 'file', file: resolve(options.rendererIndex) };
}

/** The URL the window loads. */
export function entryUrl(entry: AppEntry): string {
  return entry.kind === 'dev' ? entry.url : pathToFileURL(entry.file).href;
}

/**
 * Is this URL the app's own page? file: the very index.html (any #route or ?query);
 * dev: the dev server's origin. Everything else is foreign content.
 */
export function isAppUrl(entry: AppEntry, url: string, platform: NodeJS.Platform = process.platform): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (entry.kind === 'dev') return parsed.origin === new URL(entry.url).origin;
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  let file: string;
  try {
    parsed.hash = '';
    parsed.search = '';
    file = resolve(fileURLToPath(parsed));
  } catch {
    return false;
  }
  return samePath(file, entry.file, platform);
}

/** Windows paths are case-insensitive, and Chromium may spell the drive letter either way. */
export function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
