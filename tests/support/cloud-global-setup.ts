import type { TestProject } from 'vitest/node';
import { randomTag, sweepRun } from './cloud-admin';
import { resolveCloudServices } from './cloud-resolve';
import { startPgliteTemplate } from './pglite-template';

/**
 * Vitest global setup: finds PostgreSQL and Redis once per `vitest run` (env → local →
 * throwaway) and hands their URLs to every test worker through `inject('tpjCloud')`.
 * Teardown drops what this run left behind and stops any server it started.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = startPgliteTemplate();
  project.provide('pgliteTemplate', template.dir);
  const runId = randomTag();
  const resolved = await resolveCloudServices(runId).catch(async (error: unknown) => {
    await template.stop();
    throw error;
  });
  const { services, stop } = resolved;
  project.provide('tpjCloud', services);
  return async () => {
    try {
      await sweepRun(runId, services.postgres.url, services.redis.url);
    } finally {
      await Promise.all([stop(), template.stop()]);
    }
  };
}
