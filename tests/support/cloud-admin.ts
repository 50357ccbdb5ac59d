import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** Short random hex, for names that must not collide between runs and workers. */
export function randomTag(bytes = 3): string {
  return randomBytes(bytes).toString('hex');
}

/** Test database names of one run start with this (lowercase, so no quoting surprises). */
export const databasePrefix = (runId: string) => `tpj_test_${runId}_`;
export const rolePrefix = (runId: string) => `tpj_role_${runId}_`;
export const redisPrefix = (runId: string) => `tpj-test-${runId}-`;

/** `url` pointing at another database and, optionally, as another user. */
export function withDatabase(url: string, database: string, login?: { user: string; password: string }): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  if (login) {
    parsed.username = encodeURIComponent(login.user);
    parsed.password = encodeURIComponent(login.password);
  }
  return parsed.toString();
}

/** Runs `fn` on a short-lived admin connection. */
export async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

// CREATE/DROP DATABASE and ROLE are utility statements that take no bind parameters, so
// names and the password go through pg's own identifier/literal escaping instead.

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
}

/** Drops the database, ending its open connections first (a test's pool may still hold some). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (c) => {
    await c.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

export async function createLoginRole(adminUrl: string, name: string, password: string): Promise<void> {
  await withAdmin(adminUrl, (c) =>
    c.query(`CREATE ROLE ${c.escapeIdentifier(name)} LOGIN NOSUPERUSER PASSWORD ${c.escapeLiteral(password)}`),
  );
}

export async function dropRole(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (c) => {
    try {
      await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(name)}`);
    } catch (error) {
      throw new Error(
        `Could not drop test role ${name}: ${(error as Error).message}. ` +
          'Drop the test databases it owns objects in first (TestDatabase.drop), then the role.',
      );
    }
  });
}

/** Deletes every key starting with `prefix` (SCAN in pages, so a big keyspace is not blocked). */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  // No reconnect loop: a teardown against a Redis that went away must fail, not hang.
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    retryStrategy: () => null,
  });
  let lastError: Error | null = null;
  redis.on('error', (error: Error) => (lastError = error));
  await redis.connect().catch((error: Error) => {
    throw new Error(`Could not reach Redis at ${url} to delete test keys: ${(lastError ?? error).message}`);
  });
  let deleted = 0;
  try {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * The safety net at the end of a run: drops every database and role this run created and
 * deletes its Redis keys, in case a test failed before its own cleanup ran.
 */
export async function sweepRun(runId: string, postgresUrl: string | null, redisUrl: string | null): Promise<void> {
  if (postgresUrl) {
    const like = (prefix: string) => `${prefix.replace(/_/g, '\\_')}%`;
    const databases = await withAdmin(postgresUrl, (c) =>
      c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
        like(databasePrefix(runId)),
      ]),
    );
    for (const { datname } of databases.rows) await dropDatabase(postgresUrl, datname);
    const roles = await withAdmin(postgresUrl, (c) =>
      c.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [like(rolePrefix(runId))]),
    );
    for (const { rolname } of roles.rows) await dropRole(postgresUrl, rolname);
  }
  if (redisUrl) await deleteKeysWithPrefix(redisUrl, redisPrefix(runId));
}
