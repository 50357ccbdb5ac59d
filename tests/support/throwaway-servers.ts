import { execFile, spawn } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';

const run = promisify(execFile);

/** A database or Redis server this harness started in a temp folder; `stop` kills it and removes the folder. */
export type ThrowawayServer = { url: string; port: number; dir: string; stop(): Promise<void> };

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where `name` lives on PATH, or null. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * The folder holding initdb, pg_ctl and postgres: PATH first, then Debian's
 * /usr/lib/postgresql/<version>/bin (newest version), or null when PostgreSQL is not installed.
 */
export function findPostgresBin(searchRoots = ['/usr/lib/postgresql']): string | null {
  const initdb = onPath('initdb');
  if (initdb && onPath('pg_ctl')) return initdb.slice(0, -'/initdb'.length);
  for (const root of searchRoots) {
    let versions: string[];
    try {
      versions = readdirSync(root);
    } catch {
      continue;
    }
    const newestFirst = versions.filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const version of newestFirst) {
      const bin = join(root, version, 'bin');
      if (isExecutable(join(bin, 'initdb')) && isExecutable(join(bin, 'pg_ctl'))) return bin;
    }
  }
  return null;
}

/**
 * initdb refuses to run as root, so as root every PostgreSQL binary runs as the `postgres`
 * OS user (through runuser) over a temp folder owned by it.
 */
async function asPostgresUser(file: string, args: string[]): Promise<void> {
  if (process.getuid?.() === 0) {
    await run('runuser', ['-u', 'postgres', '--', file, ...args]);
  } else {
    await run(file, args);
  }
}

async function postgresOsUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  try {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    return { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
  } catch {
    throw new Error(
      'Cannot start a throwaway PostgreSQL as root without a `postgres` OS user (initdb refuses root). ' +
        'Install the server package (apt-get install postgresql), or set TEST_PG_URL.',
    );
  }
}

/** Polls until `probe` succeeds or `timeoutMs` passes; rethrows the last failure. */
async function waitUntil(probe: () => Promise<void>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Starts a fresh PostgreSQL (trust auth, fsync off, socket in the temp folder) on a free
 * port of 127.0.0.1. The admin URL connects as `postgres` to the `postgres` database.
 */
export async function startThrowawayPostgres(bin = findPostgresBin()): Promise<ThrowawayServer> {
  if (!bin) throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql');
  const owner = await postgresOsUser();
  const dir = mkdtempSync(join(tmpdir(), 'tpj-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const pgCtl = join(bin, 'pg_ctl');
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  try {
    await asPostgresUser(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await asPostgresUser(pgCtl, ['start', '-w', '-t', '30', '-D', data, '-l', join(dir, 'server.log'), '-o', options]);
    await waitUntil(() => queryOnce(url, 'SELECT 1'), 10_000);
  } catch (error) {
    await asPostgresUser(pgCtl, ['stop', '-D', data, '-m', 'immediate']).catch(() => undefined);
    cleanUp();
    throw new Error(`Could not start a throwaway PostgreSQL from ${bin}: ${(error as Error).message}`);
  }
  let stopped = false;
  return {
    url,
    port,
    dir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await asPostgresUser(pgCtl, ['stop', '-D', data, '-m', 'fast', '-w']);
      cleanUp();
    },
  };
}

async function queryOnce(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts a fresh redis-server (no persistence) on a free port of 127.0.0.1. */
export async function startThrowawayRedis(redisServer = onPath('redis-server')): Promise<ThrowawayServer> {
  if (!redisServer) throw new Error('redis-server not found: apt-get install redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'tpj-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const child = spawn(redisServer, args, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | null = null;
  child.once('error', (error) => (spawnError = error));
  try {
    await waitUntil(async () => {
      if (spawnError) throw spawnError;
      if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
      await pingOnce(url);
    }, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a throwaway redis-server (${redisServer}): ${(error as Error).message}`);
  }
  return {
    url,
    port,
    dir,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One PING on a fresh connection that gives up after a second instead of retrying. */
export async function pingOnce(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}
