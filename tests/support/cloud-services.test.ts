import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, createLoginRole, sweepRun, withAdmin } from './cloud-admin';
import { INSTALL_HINT, probePostgres, probeRedis, resolveCloudServices } from './cloud-resolve';
import {
  cloudServices,
  postgresAdminUrl,
  redisUrl,
  requireService,
  testPostgres,
  testRedis,
  testRole,
} from './cloud-services';
import { startFaultProxy } from './fault-proxy';
import { freePort, startThrowawayPostgres, startThrowawayRedis } from './throwaway-servers';

async function queryValue<T>(url: string, sql: string, params: unknown[] = []): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ v: T }>(sql, params);
    return result.rows[0]!.v;
  } finally {
    await client.end();
  }
}

async function exec(url: string, sql: string): Promise<void> {
  await withAdmin(url, (c) => c.query(sql));
}

const databaseExists = async (admin: string, name: string) =>
  queryValue<boolean>(admin, 'SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS v', [name]);

describe('the run’s servers', () => {
  it('were resolved once by the global setup and answer', async () => {
    expect(inject('tpjCloud')).toBeDefined(); // from the global setup, not this worker's fallback
    const services = await cloudServices();
    expect(services.runId).toMatch(/^[0-9a-f]{6}$/);
    expect(services.postgres.error).toBeNull();
    expect(services.redis.error).toBeNull();
    expect(await probePostgres(await postgresAdminUrl())).toBeNull();
    expect(await probeRedis(await redisUrl())).toBeNull();
  });
});

describe('testPostgres', () => {
  it('gives each caller its own empty database and drop removes it, open connections and all', async () => {
    const [a, b] = await Promise.all([testPostgres(), testPostgres()]);
    expect(a.name).not.toBe(b.name);
    expect(a.name).toMatch(/^tpj_test_[0-9a-f]{6}_\d+_[0-9a-f]{6}$/);
    expect(await queryValue<string>(a.url, 'SELECT current_database() AS v')).toBe(a.name);

    // A table in one database is invisible in the other.
    await exec(a.url, 'CREATE TABLE only_in_a (id int)');
    expect(await queryValue<string | null>(b.url, "SELECT to_regclass('only_in_a')::text AS v")).toBeNull();

    const held = new pg.Client({ connectionString: a.url });
    held.on('error', () => undefined); // drop terminates it on purpose
    await held.connect();
    await a.drop();
    await b.drop();
    expect(await databaseExists(a.adminUrl, a.name)).toBe(false);
    expect(await databaseExists(b.adminUrl, b.name)).toBe(false);
    await held.end().catch(() => undefined);
  });

  it('makes a non-superuser login role that can connect with its password', async () => {
    const db = await testPostgres();
    const role = await testRole('s3cret');
    try {
      const asRole = role.urlFor(db.url);
      expect(new URL(asRole).username).toBe(role.name);
      expect(await queryValue<string>(asRole, 'SELECT current_user AS v')).toBe(role.name);
      expect(await queryValue<boolean>(asRole, 'SELECT usesuper AS v FROM pg_user WHERE usename = current_user')).toBe(
        false,
      );
    } finally {
      await db.drop();
      await role.drop();
    }
    const left = await queryValue<number>(db.adminUrl, 'SELECT count(*)::int AS v FROM pg_roles WHERE rolname = $1', [
      role.name,
    ]);
    expect(left).toBe(0);
  });
});

describe('testRedis', () => {
  it('cleanup deletes every key with its prefix (across SCAN pages) and nothing else', async () => {
    const [space, other] = await Promise.all([testRedis(), testRedis()]);
    expect(space.prefix).not.toBe(other.prefix);
    expect(space.prefix).toMatch(/^tpj-test-[0-9a-f]{6}-\d+-[0-9a-f]{6}:$/);
    const redis = new Redis(space.url);
    try {
      const pipeline = redis.pipeline();
      for (let i = 0; i < 2500; i++) pipeline.set(`${space.prefix}k${i}`, String(i));
      pipeline.set(`${other.prefix}keep`, '1');
      await pipeline.exec();

      expect(await space.cleanup()).toBe(2500);
      expect(await redis.keys(`${space.prefix}*`)).toEqual([]);
      expect(await redis.get(`${other.prefix}keep`)).toBe('1');
      expect(await other.cleanup()).toBe(1);
    } finally {
      redis.disconnect();
    }
  });
});

describe('sweepRun', () => {
  it('drops the databases, roles and keys a run left behind, and only those', async () => {
    const admin = await postgresAdminUrl();
    const redisAt = await redisUrl();
    await createDatabase(admin, 'tpj_test_swp001_1_aaaaaa');
    await createDatabase(admin, 'tpj_test_swp002_1_bbbbbb');
    await createLoginRole(admin, 'tpj_role_swp001_1_cccccc', 'pw');
    const redis = new Redis(redisAt);
    try {
      await redis.set('tpj-test-swp001-1-dddddd:k', '1');
      await redis.set('tpj-test-swp002-1-eeeeee:k', '1');
      await sweepRun('swp001', admin, redisAt);
      expect(await databaseExists(admin, 'tpj_test_swp001_1_aaaaaa')).toBe(false);
      expect(await databaseExists(admin, 'tpj_test_swp002_1_bbbbbb')).toBe(true);
      expect(
        await queryValue<number>(admin, "SELECT count(*)::int AS v FROM pg_roles WHERE rolname LIKE 'tpj_role_swp%'"),
      ).toBe(0);
      expect(await redis.exists('tpj-test-swp001-1-dddddd:k', 'tpj-test-swp002-1-eeeeee:k')).toBe(1);
    } finally {
      await sweepRun('swp002', admin, redisAt);
      redis.disconnect();
    }
    expect(await databaseExists(admin, 'tpj_test_swp002_1_bbbbbb')).toBe(false);
  });
});

describe('throwaway servers', () => {
  it('starts a real PostgreSQL on a free port that answers, takes a password role, and stops', async () => {
    const server = await startThrowawayPostgres();
    try {
      expect(server.url).toContain(`127.0.0.1:${server.port}`);
      expect(await queryValue<string>(server.url, 'SELECT current_setting($1) AS v', ['port'])).toBe(
        String(server.port),
      );
      await exec(server.url, "CREATE ROLE tpj_rls LOGIN PASSWORD 'pw'");
      const asRole = new URL(server.url);
      asRole.username = 'tpj_rls';
      asRole.password = 'pw';
      expect(await queryValue<string>(asRole.toString(), 'SELECT current_user AS v')).toBe('tpj_rls');
    } finally {
      await server.stop();
    }
    expect(await probePostgres(server.url, 500)).not.toBeNull();
  });

  it('starts a real redis-server on a free port that answers PING, and stops', async () => {
    const server = await startThrowawayRedis();
    try {
      expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
      expect(await probeRedis(server.url)).toBeNull();
    } finally {
      await server.stop();
    }
    expect(await probeRedis(server.url, 500)).not.toBeNull();
  });
});

describe('resolveCloudServices', () => {
  const proxies: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
  });

  it('uses TEST_PG_URL / TEST_REDIS_URL when given, over the local servers', async () => {
    // A proxy gives the env URLs a port of their own, so "env" cannot be mistaken for "local".
    const pgProxy = await startFaultProxy(await postgresAdminUrl());
    const redisProxy = await startFaultProxy(await redisUrl());
    proxies.push(pgProxy, redisProxy);
    const env = {
      TEST_PG_URL: pgProxy.url(await postgresAdminUrl()),
      TEST_REDIS_URL: redisProxy.url(await redisUrl()),
    };
    const { services, stop } = await resolveCloudServices('envrun', { env });
    await stop();
    expect(services.postgres).toEqual({ url: env.TEST_PG_URL, source: 'env', error: null });
    expect(services.redis).toEqual({ url: env.TEST_REDIS_URL, source: 'env', error: null });
    expect(pgProxy.stats().connectionsOpened).toBeGreaterThan(0);
  });

  it('reports an env URL that does not answer instead of falling back', async () => {
    const port = await freePort();
    const env = { TEST_PG_URL: `postgres://postgres@127.0.0.1:${port}/postgres` };
    const { services } = await resolveCloudServices('badenv', { env, postgresBin: null, redisServer: null });
    expect(services.postgres.url).toBeNull();
    expect(services.postgres.error).toContain(`TEST_PG_URL=${env.TEST_PG_URL} does not answer`);
  });

  it('prefers answering local servers and starts nothing', async () => {
    const { services, stop } = await resolveCloudServices('localrun', {
      env: {},
      localPostgresUrl: await postgresAdminUrl(),
      localRedisUrl: await redisUrl(),
    });
    await stop();
    expect(services.postgres.source).toBe('local');
    expect(services.redis.source).toBe('local');
  });

  it('says what to install when nothing answers and no binaries exist', async () => {
    const port = await freePort();
    const { services } = await resolveCloudServices('bare', {
      env: {},
      localPostgresUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      localRedisUrl: `redis://127.0.0.1:${port}`,
      postgresBin: null,
      redisServer: null,
    });
    expect(services.postgres.error).toContain(INSTALL_HINT);
    expect(services.postgres.error).toContain('TEST_PG_URL');
    expect(services.redis.error).toContain(INSTALL_HINT);
    expect(services.redis.error).toContain('TEST_REDIS_URL');
    expect(INSTALL_HINT).toBe('apt-get install postgresql redis-server');
    // A worker without the global setup never starts servers, and says where they come from.
    const inWorker = await resolveCloudServices('nosetup', {
      env: {},
      localPostgresUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      localRedisUrl: `redis://127.0.0.1:${port}`,
      startThrowaway: false,
    });
    expect(inWorker.services.postgres.error).toContain('tests/support/cloud-global-setup.ts');
    expect(inWorker.services.redis.error).toContain('TEST_REDIS_URL');
    // The test API throws these messages as they are.
    expect(() => requireService(services.postgres)).toThrow(INSTALL_HINT);
  });
});
