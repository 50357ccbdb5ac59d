#!/usr/bin/env node
// `npm start [-- args]`: build if the output is stale, then open the desktop app — or, where
// Electron's binary is missing (its download is blocked on some machines), the same UI in
// the browser through `tpj serve --open`. Extra args (e.g. `--data-dir <dir>`) pass through.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputs = ['out/main/index.js', 'out/renderer/index.html', 'out/cli/tpj.js'];
const sourceDirs = ['electron', 'shared', 'renderer', 'scripts'];
const sourceFiles = ['package.json', 'electron.vite.config.ts'];
// Ctrl+C in a terminal already reaches the child (same process group); forwarding it too
// would deliver a second SIGINT that can cut its graceful shutdown short. Without a
// terminal (a process manager signalling our pid) the child hears it only through us.
const forwardedSignals = process.stdin.isTTY ? ['SIGTERM'] : ['SIGINT', 'SIGTERM'];
const heldSignals = ['SIGINT', 'SIGTERM'];

export const browserFallbackNotice =
  'Electron is not installed on this machine (its download is blocked or was skipped); opening Trading Path Journal in your browser instead — run `node node_modules/electron/install.js` to get the desktop window.';

/** Newest modification time of the sources the build reads (tests excluded), in ms. */
export function newestSourceTime(base = root) {
  let newest = 0;
  const visit = (path) => {
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(path, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && !/\.test\.[cm]?[jt]sx?$/.test(entry.name))
        newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of sourceDirs) visit(join(base, dir));
  for (const file of sourceFiles)
    if (existsSync(join(base, file))) newest = Math.max(newest, statSync(join(base, file)).mtimeMs);
  return newest;
}

/** True when an output is missing or older than the newest source. */
export function isBuildStale(base = root) {
  const times = outputs.map((file) => (existsSync(join(base, file)) ? statSync(join(base, file)).mtimeMs : -1));
  return Math.min(...times) < newestSourceTime(base);
}

/**
 * The Electron executable, or undefined. The `electron` package's index throws when its
 * download never happened (no path.txt), and may name a file that is not there.
 */
export function findElectron(base = root) {
  try {
    const path = createRequire(join(base, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Run a command with the terminal attached; SIGINT/SIGTERM sent to us reach it exactly once. */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    const forward = (signal) => {
      if (!forwardedSignals.includes(signal)) return; // the child got it from the terminal
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    // Listening keeps us alive until the child has shut down, so we report its exit.
    for (const signal of heldSignals) process.on(signal, forward);
    const done = () => heldSignals.forEach((signal) => process.off(signal, forward));
    child.once('error', (error) => {
      done();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      done();
      resolve({ code, signal });
    });
  });
}

/** `npm run build`, through the npm that runs us when there is one (no shell needed on Windows). */
function runBuild() {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) return run(process.execPath, [npmCli, 'run', 'build']);
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
    shell: process.platform === 'win32',
  });
}

function exitLike({ code, signal }) {
  if (signal) {
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}

async function main() {
  const args = process.argv.slice(2);
  if (isBuildStale()) {
    const build = await runBuild();
    if (build.signal || build.code !== 0) return exitLike(build);
  }
  const electron = findElectron();
  if (electron) {
    // ELECTRON_RUN_AS_NODE would make the binary a plain Node and ignore our app.
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    return exitLike(await run(electron, ['.', ...args], { env }));
  }
  console.log(browserFallbackNotice);
  return exitLike(await run(process.execPath, [join(root, 'bin', 'tpj.js'), 'serve', '--open', ...args]));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
