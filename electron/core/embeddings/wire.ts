import type { Handlers } from '../../../shared/contract';
import { AiSettingsService, envKeyStore } from '../coach/ai-settings';
import type { AiCoreOptions } from '../coach/coach-handlers';
import type { LocalJobs } from '../jobs/local-jobs';
import type { ProcessorRegistry } from '../jobs/processors';
import type { SettingsService } from '../journal/settings';
import type { Store } from '../journal/store';
import type { Logger } from '../log/logger';
import type { Space } from './cache';
import { geminiEmbedder, geminiSpace, localSpace } from './embedders';
import { EmbeddingJobs } from './jobs';
import { EmbeddingService } from './service';

type EmbeddingMethods = 'embeddings.similar' | 'embeddings.status' | 'embeddings.rebuild' | 'embeddings.cancelRebuild';

export type Embeddings = {
  service: EmbeddingService;
  jobs: EmbeddingJobs;
  handlers: Pick<Handlers, EmbeddingMethods>;
  /** Stop queueing jobs and close the cache (PGlite closes asynchronously; errors are logged). */
  close(): void;
};

/**
 * Embeddings for one open journal: the service (cache opened on first use), the jobs that
 * follow journal changes, and the contract handlers. Nothing here touches PGlite at start-up.
 */
export function createEmbeddings(deps: {
  dataDir: string;
  store: Store;
  settings: SettingsService;
  jobs: LocalJobs;
  processors: ProcessorRegistry;
  logger: Logger;
  ai?: AiCoreOptions | undefined;
  /**
   * This core runs jobs (the app, `tpj serve`): when embeddings are first used, queue a pass
   * over every row, for rows written before embeddings existed or by a door that ran no jobs.
   */
  catchUpOnFirstUse?: boolean | undefined;
}): Embeddings {
  const aiSettings = new AiSettingsService(deps.store, deps.ai?.env);
  const keyStore = deps.ai?.keyStore ?? envKeyStore(deps.ai?.env);
  const gemini = geminiEmbedder(
    async () => await keyStore.getApiKey(),
    () => aiSettings.effectiveBaseUrl(),
    deps.ai?.resilience,
  );
  const timeZone = () => deps.settings.get().displayTimeZone;
  const service = new EmbeddingService({
    db: deps.store.db,
    dir: EmbeddingService.dirOf(deps.dataDir),
    logger: deps.logger,
    timeZone,
    remote: async () => (aiSettings.get().provider !== 'local' && (await keyStore.getApiKey()) ? gemini : null),
    ...(deps.catchUpOnFirstUse ? { onFirstOpen: () => jobs.enqueueMissing() } : {}),
  });
  const configuredSpace = (): Space => {
    if (aiSettings.get().provider === 'local') return localSpace;
    const key = keyStore.getApiKey();
    if (typeof key === 'string' || key === null) return key ? geminiSpace : localSpace;
    // A keychain answers later; name the job for Gemini, the processor decides when it runs.
    Promise.resolve(key).catch(() => undefined);
    return geminiSpace;
  };
  // The service's onFirstOpen reaches `jobs` only later, when the cache is first used.
  const jobs = new EmbeddingJobs({ ...deps, service, timeZone, configuredSpace, delayMs: deps.ai?.embedDelayMs });
  return {
    service,
    jobs,
    handlers: {
      'embeddings.similar': ({ tradeId, k, accountId, symbol, from, to }) =>
        service.similar(tradeId, { k, accountId, symbol, from, to }),
      'embeddings.status': () => service.status(),
      'embeddings.rebuild': () => jobs.requestRebuild(),
      'embeddings.cancelRebuild': () => jobs.cancelRebuild(),
    },
    close: () => {
      jobs.dispose();
      service.close().catch((error: unknown) => deps.logger.warn({ err: error }, 'the embedding cache did not close'));
    },
  };
}
