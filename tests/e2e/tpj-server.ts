import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The built `tpj` by default. TPJ_E2E_CLI may name another entry (e.g. scripts/tpj.ts,
 * run through tsx) to try the UI against a CLI that is still being written.
 */
const cliOverride = process.env['TPJ_E2E_CLI'];
const cli = cliOverride ?? join(repoRoot, 'bin', 'tpj.js');
const cliArgs = /\.[cm]?ts$/.test(cli) ? ['--import', 'tsx', cli] : [cli];

/** The e2e tests drive the built app (CLI + renderer); say how to build it instead of failing obscurely. */
export function assertBuilt(): void {
  const needed = [join(repoRoot, 'out', 'renderer', 'index.html')];
  if (cliOverride === undefined) needed.push(join(repoRoot, 'out', 'cli', 'tpj.js'));
  const missing = needed.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`The app is not built (missing ${missing.join(', ')}). Run \`npm run build\` first.`);
  }
}

/** Run one `tpj` command to completion; throws with its output when it fails. */
export function runTpj(dataDir: string, args: string[]): string {
  const result = spawnSync(process.execPath, [...cliArgs, '--data-dir', dataDir, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `tpj ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

export type ServedJournal = {
  url: string;
  origin: string;
  port: number;
  token: string;
  /** Call the contract directly, as another client of the same journal would. */
  rpc: (
    method: string,
    input: unknown,
  ) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  stop: () => Promise<void>;
};

/** `tpj serve --port 0 --json` (with extra `env`): resolves with the address once the host prints it. */
export async function serveJournal(dataDir: string, env: Record<string, string> = {}): Promise<ServedJournal> {
  const child = spawn(process.execPath, [...cliArgs, '--data-dir', dataDir, 'serve', '--port', '0', '--json'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  try {
    const ready = await firstLine(child, 30_000);
    const parsed = JSON.parse(ready) as { url: string; port: number; token: string };
    const origin = new URL(parsed.url).origin;
    const rpc: ServedJournal['rpc'] = async (method, input) => {
      const response = await fetch(`${origin}/rpc/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tpj-token': parsed.token },
        body: JSON.stringify(input),
      });
      return (await response.json()) as Awaited<ReturnType<ServedJournal['rpc']>>;
    };
    return { url: parsed.url, origin, port: parsed.port, token: parsed.token, rpc, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw new Error(`tpj serve did not start: ${(error as Error).message}\n${stderr}`);
  }
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`no address within ${timeoutMs} ms`)), timeoutMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing its address`));
    });
  });
}

/** SIGTERM, then SIGKILL if the host has not exited after five seconds. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
