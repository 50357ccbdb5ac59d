import { inject } from 'vitest';
import {
  createDatabase,
  createLoginRole,
  databasePrefix,
  deleteKeysWithPrefix,
  dropDatabase,
  dropRole,
  randomTag,
  redisPrefix,
  rolePrefix,
  withDatabase,
} from './cloud-admin';
import { resolveCloudServices, type CloudServices, type ResolvedService } from './cloud-resolve';

/** A fresh database of its own for one test (file); `drop` ends its connections and drops it. */
export type TestDatabase = { url: string; name: string; adminUrl: string; drop(): Promise<void> };

/** A non-superuser login role; `urlFor` turns a database URL into one that logs in as it. */
export type TestRole = { name: string; password: string; urlFor(databaseUrl: string): string; drop(): Promise<void> };

/** A Redis key prefix of its own (also good for channel names); `cleanup` deletes its keys. */
export type TestRedis = { url: string; prefix: string; cleanup(): Promise<number> };

let fallback: Promise<CloudServices> | null = null;

/**
 * The servers the global setup resolved once for this run. Without it (a config that does
 * not register cloud-global-setup.ts) we resolve env → local here, but start nothing.
 */
export function cloudServices(): Promise<CloudServices> {
  const provided = inject('tpjCloud') as CloudServices | undefined;
  if (provided) return Promise.resolve(provided);
  fallback ??= resolveCloudServices(randomTag(), { startThrowaway: false }).then((r) => r.services);
  return fallback;
}

/** The service's URL, or the Error saying what to install / which env var to set. */
export function requireService(service: ResolvedService): string {
  if (service.url === null) throw new Error(service.error);
  return service.url;
}

/** Admin URL (may create databases and roles) of the PostgreSQL this run uses. */
export async function postgresAdminUrl(): Promise<string> {
  return requireService((await cloudServices()).postgres);
}

/** URL of the Redis this run uses. */
export async function redisUrl(): Promise<string> {
  return requireService((await cloudServices()).redis);
}

/** Creates a uniquely named empty database (`tpj_test_<run>_<pid>_<random>`). */
export async function testPostgres(): Promise<TestDatabase> {
  const { runId, postgres } = await cloudServices();
  const adminUrl = requireService(postgres);
  const name = `${databasePrefix(runId)}${process.pid}_${randomTag()}`;
  await createDatabase(adminUrl, name);
  return { url: withDatabase(adminUrl, name), name, adminUrl, drop: () => dropDatabase(adminUrl, name) };
}

/**
 * Creates a login role that is not a superuser (for row-level-security tests). Drop it after
 * the databases it owns objects in. Under trust auth any password logs in; that is fine.
 */
export async function testRole(password = `pw-${randomTag(8)}`): Promise<TestRole> {
  const { runId, postgres } = await cloudServices();
  const adminUrl = requireService(postgres);
  const name = `${rolePrefix(runId)}${process.pid}_${randomTag()}`;
  await createLoginRole(adminUrl, name, password);
  return {
    name,
    password,
    urlFor: (databaseUrl) =>
      withDatabase(databaseUrl, decodeURIComponent(new URL(databaseUrl).pathname.slice(1)), { user: name, password }),
    drop: () => dropRole(adminUrl, name),
  };
}

/** A key prefix unique to this call (`tpj-test-<run>-<pid>-<random>:`) on the run's Redis. */
export async function testRedis(): Promise<TestRedis> {
  const { runId, redis } = await cloudServices();
  const url = requireService(redis);
  const prefix = `${redisPrefix(runId)}${process.pid}-${randomTag()}:`;
  return { url, prefix, cleanup: () => deleteKeysWithPrefix(url, prefix) };
}
