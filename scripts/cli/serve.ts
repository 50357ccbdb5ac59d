import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { startHost } from '../../electron/core/host/server';
import type { GlobalOptions } from './context';
import { openCore, projectRoot } from './context';
import { positiveInt } from './options';

/** `tpj serve`: the app in a browser, on this computer only. */
export function registerServe(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('serve the app on 127.0.0.1 for a browser (token-protected)')
    .option('--port <port>', 'port to listen on (default: a free one)', (v) => positiveInt(v, 0), 0)
    .option('--open', 'open the app in the default browser')
    .option('--json', 'print {url, port, token} as one JSON line when ready')
    .action(async (opts: { port: number; open?: boolean; json?: boolean }) => {
      // A long-running app: it keeps the backup schedule and runs jobs, as the desktop app does.
      const { core, close, drainAndClose } = openCore(globals(), {
        backup: { schedule: true },
        jobs: { run: true },
        sync: { run: true },
      });
      const rendererDir = join(projectRoot(), 'out', 'renderer');
      if (!existsSync(join(rendererDir, 'index.html'))) {
        console.error('Note: the app UI has not been built (run `npm run build`); serving the API only.');
      }
      const host = await startHost({ core, port: opts.port, rendererDir }).catch((error: unknown) => {
        close();
        throw error;
      });
      if (opts.json) console.log(JSON.stringify({ url: host.url, port: host.port, token: host.token }));
      else {
        console.log(`Trading Path Journal is running at ${host.url}`);
        console.log(`Journal folder: ${core.dataDir}. Press Ctrl+C to stop.`);
      }
      if (opts.open) openBrowser(host.url);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
      await drainAndClose();
    });
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer.exe' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`Could not open a browser; visit ${url} yourself.`));
  child.unref();
}
