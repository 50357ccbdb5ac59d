import type { Handlers } from '../shared/contract';
import { CoreError } from '../shared/contract/errors';
import type { ServiceCheck, SyncStatusView } from '../shared/contract/sync';
import type { Store } from '../electron/core/journal/store';
import { qdrantFor, redactUrl, toCloudConfig } from './config';
import { LocalSide } from './local';
import { CloudDb } from './postgres';
import { forgetDevice, listDevices } from './purge';
import { Nudger } from './redis';
import { vectorCoverage, verifyCloud } from './verify';
import { type CloudConfig } from './service';
import type { SyncSlot } from './slot';

type SyncHandlers = Pick<
  Handlers,
  'sync.status' | 'sync.now' | 'sync.reconnected' | 'sync.test' | 'sync.verify' | 'sync.devices' | 'sync.forgetDevice'
>;

/** The contract's sync calls over one journal's sync slot (its service may be none, or replaced). */
export function syncHandlers(store: Store, slot: Pick<SyncSlot, 'config' | 'service'>): SyncHandlers {
  const status = (): SyncStatusView => {
    const { config, service } = slot;
    const cloud = {
      postgres: redactUrl(config?.databaseUrl),
      redis: redactUrl(config?.redisUrl),
      qdrant: redactUrl(config?.qdrantUrl),
    };
    if (!config || !service) {
      return {
        configured: false,
        workspaceId: null,
        state: 'not-configured',
        lastSyncedAt: null,
        message: 'Cloud sync is not set up; the journal is kept on this device.',
        pending: store.db.prepare(`SELECT count(*) FROM outbox`).pluck().get() as number,
        conflicts: 0,
        cloud,
      };
    }
    const s = service.status();
    return {
      configured: true,
      workspaceId: config.workspaceId,
      state: s.state,
      lastSyncedAt: s.lastSyncedAt,
      message: s.message,
      pending: s.pending,
      conflicts: s.conflicts,
      cloud,
    };
  };
  return {
    'sync.status': status,
    'sync.now': async () => {
      const { service } = slot;
      if (!service) throw notConfigured();
      const report = await service.syncNow();
      if (!report) throw new CoreError('UNAVAILABLE', service.status().message ?? 'Sync failed.');
      return {
        pushedRecords: report.pushedRecords,
        pushedRows: report.pushedRows,
        pulledRows: report.pulledRows,
        appliedRows: report.appliedRows,
        tickRows: report.tickRows,
        regroupedSymbols: report.regroupedSymbols,
      };
    },
    'sync.reconnected': () => {
      slot.service?.reconnected();
      return { ok: true as const };
    },
    'sync.test': ({ connection }) =>
      testConnections(connection ? toCloudConfig(connection) : slot.config, store.deviceId),
    'sync.verify': async () => {
      const { config } = slot;
      if (!config) throw notConfigured();
      const cloud = await CloudDb.open({ url: config.databaseUrl, workspaceId: config.workspaceId });
      try {
        await cloud.migrate();
        const cursor = new LocalSide(store).cursor();
        const report = await verifyCloud(store, cloud, cursor);
        if (config.qdrantUrl) {
          const qdrant = await qdrantFor({ ...config, qdrantUrl: config.qdrantUrl });
          report.vectors = await vectorCoverage(store, qdrant);
        }
        return report;
      } finally {
        await cloud.close();
      }
    },
    'sync.devices': () =>
      withCloud(async (cloud) =>
        (await listDevices(cloud)).map((d) => ({ ...d, thisDevice: d.deviceId === store.deviceId })),
      ),
    'sync.forgetDevice': ({ deviceId }) => {
      if (deviceId === store.deviceId) {
        throw new CoreError('INVALID_INPUT', 'This is the device you are on; it cannot forget itself.');
      }
      return withCloud(async (cloud) => ({ forgotten: await forgetDevice(cloud, deviceId) }));
    },
  };

  async function withCloud<T>(fn: (cloud: CloudDb) => Promise<T>): Promise<T> {
    const { config } = slot;
    if (!config) throw notConfigured();
    const cloud = await CloudDb.open({ url: config.databaseUrl, workspaceId: config.workspaceId });
    try {
      await cloud.migrate();
      return await fn(cloud);
    } finally {
      await cloud.close();
    }
  }
}

function notConfigured(): CoreError {
  return new CoreError(
    'UNAVAILABLE',
    'Cloud sync is not set up. Enter the connection in Settings › Cloud sync, or set TIMESCALE_DATABASE_URL and TPJ_WORKSPACE (and optionally REDIS_URL, QDRANT_URL).',
  );
}

/** "Test connection": each configured service, how long it took to answer, and its version. */
export async function testConnections(config: CloudConfig | null, deviceId: string): Promise<ServiceCheck[]> {
  const checks: ServiceCheck[] = [];
  checks.push(
    await check('postgres', config?.databaseUrl, async () => {
      const cloud = await CloudDb.open({
        url: config!.databaseUrl,
        workspaceId: config!.workspaceId,
        connectTimeoutMs: 5_000,
      });
      try {
        const started = performance.now();
        const { rows } = await cloud.pool.query<{ v: string; ts: boolean }>(
          `SELECT current_setting('server_version') AS v, EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') AS ts`,
        );
        const latencyMs = performance.now() - started;
        const timescale = rows[0]!.ts;
        return {
          latencyMs,
          version: `PostgreSQL ${rows[0]!.v}`,
          timescale,
          message: timescale
            ? 'TimescaleDB is available: ticks use a hypertable.'
            : 'TimescaleDB is not installed: ticks use plain tables.',
        };
      } finally {
        await cloud.close();
      }
    }),
  );
  checks.push(
    await check('redis', config?.redisUrl, async () => {
      const nudger = await Nudger.start({
        url: config!.redisUrl!,
        workspaceId: config!.workspaceId,
        deviceId,
        onNudge: () => undefined,
      });
      try {
        const { latencyMs, version } = await nudger.ping();
        return { latencyMs, version: `Redis ${version}`, message: 'Other devices will be told to pull at once.' };
      } finally {
        nudger.close();
      }
    }),
  );
  checks.push(
    await check('qdrant', config?.qdrantUrl, async () => {
      const qdrant = await qdrantFor({ ...config!, qdrantUrl: config!.qdrantUrl! });
      const { latencyMs, version } = await qdrant.ping();
      return { latencyMs, version: `Qdrant ${version}`, message: 'Vectors can be shared between devices.' };
    }),
  );
  return checks;
}

async function check(
  service: ServiceCheck['service'],
  address: string | undefined,
  run: () => Promise<Omit<ServiceCheck, 'service' | 'configured' | 'ok'>>,
): Promise<ServiceCheck> {
  if (!address)
    return { service, configured: false, ok: false, latencyMs: null, version: null, message: 'Not configured.' };
  try {
    return { service, configured: true, ok: true, ...(await run()) };
  } catch (error) {
    return {
      service,
      configured: true,
      ok: false,
      latencyMs: null,
      version: null,
      message: `${redactUrl(address)} did not answer: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
