import pg from 'pg';
import {
  findPostgresBin,
  onPath,
  pingOnce,
  startThrowawayPostgres,
  startThrowawayRedis,
  type ThrowawayServer,
} from './throwaway-servers';

/** Where a service came from: the env var, the machine's own server, or one we started. */
export type ServiceSource = 'env' | 'local' | 'throwaway';

/** One resolved service: an admin URL to use, or the reason (with what to install) there is none. */
export type ResolvedService =
  { url: string; source: ServiceSource; error: null } | { url: null; source: null; error: string };

/** What the global setup hands to test workers (plain data: it crosses into the forks). */
export type CloudServices = { runId: string; postgres: ResolvedService; redis: ResolvedService };

export type ResolveOptions = {
  env?: Record<string, string | undefined>;
  localPostgresUrl?: string;
  localRedisUrl?: string;
  /** null = PostgreSQL binaries are not installed (tests pass null to simulate a bare machine). */
  postgresBin?: string | null;
  redisServer?: string | null;
  /** How long a local server may take to answer before we call it absent. */
  probeTimeoutMs?: number;
  /** false: only env and local (a test worker must not start servers nobody would stop). */
  startThrowaway?: boolean;
};

declare module 'vitest' {
  // Module augmentation needs an interface: this is how `inject('tpjCloud')` gets its type.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    tpjCloud: CloudServices;
  }
}

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';
export const INSTALL_HINT = 'apt-get install postgresql redis-server';

/** Answers if a PostgreSQL at `url` runs `SELECT 1` within the timeout; otherwise the reason. */
export async function probePostgres(url: string, timeoutMs = 1000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Answers if a Redis at `url` replies to PING within the timeout; otherwise the reason. */
export async function probeRedis(url: string, timeoutMs = 1000): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([pingOnce(url).then(() => null), timeout]);
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    clearTimeout(timer);
  }
}

type Candidate = {
  envVar: string;
  localUrl: string;
  probe: (url: string, timeoutMs: number) => Promise<string | null>;
  /** null = the binary is missing; 'disabled' = starting servers is not allowed here. */
  start: (() => Promise<ThrowawayServer>) | null | 'disabled';
  missingBinary: string;
};

async function resolveOne(
  candidate: Candidate,
  env: Record<string, string | undefined>,
  timeoutMs: number,
  started: ThrowawayServer[],
): Promise<ResolvedService> {
  const fromEnv = env[candidate.envVar];
  if (fromEnv) {
    // An explicit URL that does not answer is a mistake to report, not a cue to fall back.
    const why = await candidate.probe(fromEnv, Math.max(timeoutMs, 5000));
    if (why === null) return { url: fromEnv, source: 'env', error: null };
    return { url: null, source: null, error: `${candidate.envVar}=${fromEnv} does not answer: ${why}` };
  }
  const localWhy = await candidate.probe(candidate.localUrl, timeoutMs);
  if (localWhy === null) return { url: candidate.localUrl, source: 'local', error: null };
  if (candidate.start === 'disabled') {
    return {
      url: null,
      source: null,
      error:
        `No ${candidate.missingBinary} for the cloud tests: nothing answers at ${candidate.localUrl} (${localWhy}), and ` +
        'throwaway servers are started only by the vitest global setup (tests/support/cloud-global-setup.ts). ' +
        `Start the local server, set ${candidate.envVar}, or run under the project's vitest.config.ts.`,
    };
  }
  if (!candidate.start) {
    return {
      url: null,
      source: null,
      error:
        `No ${candidate.missingBinary} for the cloud tests: nothing answers at ${candidate.localUrl} (${localWhy}) ` +
        `and ${candidate.missingBinary} is not installed. Install it (${INSTALL_HINT}) or set ${candidate.envVar}.`,
    };
  }
  try {
    const server = await candidate.start();
    started.push(server);
    return { url: server.url, source: 'throwaway', error: null };
  } catch (error) {
    return {
      url: null,
      source: null,
      error: `${(error as Error).message}. Install the server (${INSTALL_HINT}) or set ${candidate.envVar}.`,
    };
  }
}

/**
 * Finds a PostgreSQL and a Redis for the cloud tests: TEST_PG_URL / TEST_REDIS_URL when set,
 * else the local servers if they answer within ~1 s, else throwaway servers started from the
 * installed binaries. Never throws: a service that cannot be had carries an `error` instead,
 * so only the tests that need it fail. `stop` stops whatever was started.
 */
export async function resolveCloudServices(
  runId: string,
  options: ResolveOptions = {},
): Promise<{ services: CloudServices; stop: () => Promise<void> }> {
  const env = options.env ?? process.env;
  const timeoutMs = options.probeTimeoutMs ?? 1000;
  const postgresBin = options.postgresBin === undefined ? findPostgresBin() : options.postgresBin;
  const redisServer = options.redisServer === undefined ? onPath('redis-server') : options.redisServer;
  const allowStart = options.startThrowaway ?? true;
  const started: ThrowawayServer[] = [];
  const [postgres, redis] = await Promise.all([
    resolveOne(
      {
        envVar: 'TEST_PG_URL',
        localUrl: options.localPostgresUrl ?? LOCAL_POSTGRES_URL,
        probe: probePostgres,
        start: !allowStart ? 'disabled' : postgresBin ? () => startThrowawayPostgres(postgresBin) : null,
        missingBinary: 'PostgreSQL',
      },
      env,
      timeoutMs,
      started,
    ),
    resolveOne(
      {
        envVar: 'TEST_REDIS_URL',
        localUrl: options.localRedisUrl ?? LOCAL_REDIS_URL,
        probe: probeRedis,
        start: !allowStart ? 'disabled' : redisServer ? () => startThrowawayRedis(redisServer) : null,
        missingBinary: 'Redis',
      },
      env,
      timeoutMs,
      started,
    ),
  ]);
  const stop = async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  };
  return { services: { runId, postgres, redis }, stop };
}
