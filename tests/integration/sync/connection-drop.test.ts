import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactedPaths } from '../../../electron/core/log/logger';
import { stripCredentials, summarizeConnectionError } from '../../../sync/connection-log';
import { testPostgres, testRedis, type TestDatabase, type TestRedis } from '../../support/cloud-services';
import { tempCore } from '../../support/temp-core';

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** The project's pino setup (same redaction), writing JSON lines into memory. */
function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ level: 'info', redact: { paths: redactedPaths, censor: '[redacted]' } }, stream);
  const messages = () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
  return { logger, lines, messages };
}

describe('connection errors are logged, never crash, never leak secrets', () => {
  it('a URL with credentials loses them; an error carrying its command keeps only code and message', () => {
    expect(stripCredentials('connect to postgres://tpj:hunter2@db.example:5432/j failed')).toBe(
      'connect to postgres://[redacted]@db.example:5432/j failed',
    );
    expect(stripCredentials('redis://:hunter2@cache:6379 and rediss://u:p@x')).toBe(
      'redis://[redacted]@cache:6379 and rediss://[redacted]@x',
    );
    const error = Object.assign(new Error('WRONGPASS invalid username-password pair'), {
      code: 'WRONGPASS',
      command: { name: 'auth', args: ['hunter2'] },
    });
    const summary = summarizeConnectionError(error);
    expect(summary).toEqual({ code: 'WRONGPASS', message: 'WRONGPASS invalid username-password pair' });
    expect(JSON.stringify(summary)).not.toContain('hunter2');
  });

  let db: TestDatabase;
  let redis: TestRedis;
  beforeAll(async () => {
    db = await testPostgres();
    redis = await testRedis();
  });
  afterAll(async () => {
    await redis.cleanup();
    await db.drop();
  });

  it('pg_terminate_backend and CLIENT KILL on idle connections: one log line each, and the next sync succeeds', async () => {
    // Trust auth ignores the password, so it is only there to prove it never reaches the log.
    const secret = 'pw-never-logged-7d1c';
    const url = new URL(db.url);
    url.password = secret;
    const log = memoryLogger();
    const config = {
      databaseUrl: url.toString(),
      workspaceId: 'drops',
      redisUrl: redis.url,
      redisPrefix: redis.prefix,
    };
    const service = { intervalMs: 600_000, debounceMs: 50 };
    const a = tempCore({ logger: log.logger, sync: { config, run: true, service } });
    const b = tempCore({ sync: { config, run: true, service } });
    const admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
    const redisAdmin = new Redis(redis.url);
    try {
      const upToDate = async (t: typeof a) => {
        const s = await t.call('sync.status', {});
        return s.state === 'up-to-date' && s.pending === 0;
      };
      await until('both devices up to date', async () => (await upToDate(a)) && (await upToDate(b)));
      const aSync = a.core.store.deviceId;
      await a.call('accounts.create', { name: 'Before the cut', currency: 'USD' });
      await until('A pushed', () => upToDate(a));

      const killed = await admin.query<{ ok: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE datname = $1 AND application_name = 'tpj-sync' AND state = 'idle' AND pid <> pg_backend_pid()`,
        [db.name],
      );
      expect(killed.rowCount).toBeGreaterThan(0);
      await until('the database drop to be logged', () => log.messages().includes('cloud database connection lost'));

      const clients = String(await redisAdmin.call('CLIENT', 'LIST'))
        .split('\n')
        .filter((line) => line.includes(`name=tpj-sub-${aSync}`) || line.includes(`name=tpj-pub-${aSync}`));
      expect(clients).toHaveLength(2);
      for (const line of clients) await redisAdmin.call('CLIENT', 'KILL', 'ID', /\bid=(\d+)/.exec(line)![1]!);
      await until('the Redis drop to be logged', () => log.messages().includes('Redis connection lost'));

      // The next sync works, and A still hears B's nudge once ioredis has resubscribed.
      await a.call('accounts.create', { name: 'After the cut', currency: 'USD' });
      await until('A pushed after the cut', () => upToDate(a));
      await until('B to see it', async () =>
        (await b.call('accounts.list', {})).some((x) => x.name === 'After the cut'),
      );
      await b.call('accounts.create', { name: 'Nudged after the cut', currency: 'EUR' });
      await until('A to hear the nudge and pull', async () =>
        (await a.call('accounts.list', {})).some((x) => x.name === 'Nudged after the cut'),
      );

      const messages = log.messages();
      // Once per episode: however many pooled connections died, and however many Redis clients.
      expect(messages.filter((m) => m === 'cloud database connection lost')).toHaveLength(1);
      expect(messages.filter((m) => m === 'Redis connection lost')).toHaveLength(1);
      // No failed sync, and no nudge lost to the reconnect.
      expect(messages).not.toContain('sync failed');
      expect(messages).not.toContain('redis');
      const pgLine = log.lines.find((l) => l.includes('cloud database connection lost'))!;
      expect(JSON.parse(pgLine)).toMatchObject({ level: 40, err: { code: '57P01' } });
      expect(log.lines.join('\n')).not.toContain(secret);
    } finally {
      redisAdmin.disconnect();
      await admin.end();
      a.dispose();
      b.dispose();
    }
  }, 60_000);
});
