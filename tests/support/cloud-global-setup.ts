import type { TestProject } from 'vitest/node';
import { randomTag, sweepRun } from './cloud-admin';
import { resolveCloudServices } from './cloud-resolve';

/**
 * Vitest global setup: finds PostgreSQL and Redis once per `vitest run` (env → local →
 * throwaway) and hands their URLs to every test worker through `inject('tpjCloud')`.
 * Teardown drops what this run left behind and stops any server it started.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = randomTag();
  const { services, stop } = await resolveCloudServices(runId);
  project.provide('tpjCloud', services);
  return async () => {
    try {
      await sweepRun(runId, services.postgres.url, services.redis.url);
    } finally {
      await stop();
    }
  };
}
