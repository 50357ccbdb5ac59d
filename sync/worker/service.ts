import { geminiEmbedder, localEmbedder, type Embedder } from '../../electron/core/embeddings/embedders';
import { googleBaseUrl } from '../../electron/core/coach/ai-settings';
import { PermanentJobError } from '../../electron/core/jobs/processors';
import { CloudDb } from '../postgres';
import type { QdrantStore } from '../qdrant';
import { verifyCloudProcessor } from './cloud-verify';
import { embedTradesProcessor } from './embed-trades';
import { serveHealth } from './http';
import { CloudProcessors } from './processors';
import { CloudQueues, type Definitions } from './queues';
import { CloudWorker, type WorkerLog } from './worker';

/** What `tpj worker` runs with: the workspace's cloud (as devices sync it) and the worker's own settings. */
export type WorkerConfig = {
  redisUrl: string;
  workspaceId: string;
  databaseUrl: string;
  qdrantUrl?: string | undefined;
  qdrantApiKey?: string | undefined;
  /** Embed with Gemini (as devices with a key do); the local deterministic embedder otherwise. */
  geminiApiKey?: string | undefined;
  geminiBaseUrl?: string | undefined;
  /** Put before `tpj:<workspace>` in Redis keys (tests). */
  redisPrefix?: string | undefined;
  definitions?: Definitions;
};

export type CloudServices = {
  cloud: () => Promise<CloudDb>;
  qdrant: (() => Promise<QdrantStore>) | null;
  embedder: Embedder;
};

/** The processors the cloud runs today: `ai/embed-trades` and `default/verify-cloud`. */
export function cloudProcessors(services: CloudServices): CloudProcessors {
  const qdrant =
    services.qdrant ??
    (() =>
      Promise.reject(new PermanentJobError('The worker has no QDRANT_URL: there is nowhere to put trade vectors.')));
  return new CloudProcessors()
    .register(
      'ai',
      'embed-trades',
      embedTradesProcessor({ cloud: services.cloud, qdrant, embedder: services.embedder }),
    )
    .register('default', 'verify-cloud', verifyCloudProcessor({ cloud: services.cloud, qdrant: services.qdrant }));
}

/** The embedder a worker with this configuration uses. */
export function workerEmbedder(config: Pick<WorkerConfig, 'geminiApiKey' | 'geminiBaseUrl'>): Embedder {
  const key = config.geminiApiKey;
  if (!key) return localEmbedder;
  return geminiEmbedder(
    () => Promise.resolve(key),
    () => config.geminiBaseUrl || googleBaseUrl,
  );
}

export type RunningWorker = {
  url: string;
  worker: CloudWorker;
  queues: CloudQueues;
  /** Drain (up to `timeoutMs`), then close every connection and the HTTP server. */
  stop(timeoutMs: number): Promise<{ drained: boolean }>;
};

/** Start the cloud worker: connections, one BullMQ Worker per queue, and the health server. */
export async function startWorker(
  config: WorkerConfig,
  options: { host: string; port: number; log: WorkerLog; verifyEveryMs?: number },
): Promise<RunningWorker> {
  const cloud = await CloudDb.open({ url: config.databaseUrl, workspaceId: config.workspaceId });
  const queues = new CloudQueues({
    redisUrl: config.redisUrl,
    workspaceId: config.workspaceId,
    ...(config.redisPrefix ? { outerPrefix: config.redisPrefix } : {}),
    ...(config.definitions ? { definitions: config.definitions } : {}),
  });
  let qdrant: Promise<QdrantStore> | null = null;
  const qdrantUrl = config.qdrantUrl;
  const services: CloudServices = {
    cloud: () => Promise.resolve(cloud),
    qdrant: qdrantUrl
      ? () =>
          (qdrant ??= import('../qdrant').then(
            ({ QdrantStore }) =>
              new QdrantStore({
                url: qdrantUrl,
                workspaceId: config.workspaceId,
                ...(config.qdrantApiKey ? { apiKey: config.qdrantApiKey } : {}),
              }),
          ))
      : null,
    embedder: workerEmbedder(config),
  };
  const worker = new CloudWorker({
    queues,
    redisUrl: config.redisUrl,
    processors: cloudProcessors(services),
    log: options.log,
    checkServices: async () => {
      await cloud.pool.query('SELECT 1');
    },
  });
  let http: Awaited<ReturnType<typeof serveHealth>>;
  try {
    http = await serveHealth(worker, { host: options.host, port: options.port });
  } catch (error) {
    await queues.close();
    await cloud.close();
    throw error;
  }
  worker.start();
  // In the background: with Redis down at start, BullMQ waits for it, and the probes must answer meanwhile.
  queues
    .scheduleVerify(options.verifyEveryMs ?? 0)
    .catch((error: unknown) =>
      options.log.warn({ error: (error as Error).message }, 'could not schedule verify-cloud'),
    );
  return {
    url: http.url,
    worker,
    queues,
    async stop(timeoutMs) {
      const result = await worker.stop(timeoutMs);
      await http.close();
      await queues.close();
      await cloud.close();
      return result;
    },
  };
}
