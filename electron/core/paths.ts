import { homedir } from 'node:os';
import { join } from 'node:path';

/** Folder name, the same one Electron derives from productName for `app.getPath('userData')`. */
export const APP_FOLDER = 'Trading Path Journal';

/**
 * The journal folder the desktop app uses on this OS, so `tpj` and the app share one
 * journal by default. `TPJ_DATA_DIR` overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TPJ_DATA_DIR) return env.TPJ_DATA_DIR;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER);
}

/** Where each part of a journal lives inside its data folder. */
export function journalPaths(dataDir: string) {
  return {
    database: join(dataDir, 'journal.sqlite'),
    files: join(dataDir, 'files'),
    logs: join(dataDir, 'logs'),
    embeddings: join(dataDir, 'embeddings'),
    backups: join(dataDir, 'backups'),
  };
}
