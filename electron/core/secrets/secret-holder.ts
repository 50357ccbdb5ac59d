import type { CloudConnection, SecretSource, SecretStorageInfo, SecretsStatus } from '../../../shared/contract/secrets';
import { cloudConfigFromEnv, redactUrl, toCloudConfig } from '../../../sync/config';
import type { CloudConfig } from '../../../sync/service';

type Env = Readonly<Record<string, string | undefined>>;

/** Secrets the desktop app's main process read from its keychain file and hands the core at start. */
export type KeptSecrets = { geminiApiKey?: string | undefined; cloud?: CloudConnection | undefined };

export type SecretHolderOptions = {
  /** GEMINI_API_KEY comes from here. */
  aiEnv: Env;
  /** TIMESCALE_DATABASE_URL, TPJ_WORKSPACE, REDIS_URL, QDRANT_URL, QDRANT_API_KEY come from here. */
  syncEnv: Env;
  /** A connection fixed by the caller (tests, CLI); it wins like the environment does. */
  fixedCloud?: CloudConfig | null | undefined;
  /** Where entered values live: the app's keychain (main persists them) or this process's memory. */
  storage: SecretStorageInfo;
  initial?: KeptSecrets | undefined;
};

/** Everything not said otherwise: memory only, as `tpj serve` and the CLI keep them. */
export const memoryStorage: SecretStorageInfo = {
  kind: 'memory',
  available: true,
  backend: null,
  message: 'Values entered here are kept in memory by this tpj serve process only and are gone when it stops.',
};

/**
 * The core's view of its secrets: the environment wins (as the CLI always worked), then
 * what the trader entered. Lives for the whole session, so a restore's reopened journal
 * sees the same values. Values are read by the coach and sync; `status` never returns them.
 */
export class SecretHolder {
  private geminiKey: string | undefined;
  private cloud: CloudConnection | undefined;
  private readonly cloudListeners = new Set<(config: CloudConfig | null) => void>();

  constructor(private readonly options: SecretHolderOptions) {
    this.geminiKey = options.initial?.geminiApiKey;
    this.cloud = options.initial?.cloud;
  }

  /** The Gemini key in effect: GEMINI_API_KEY, else the kept one. */
  geminiApiKey(): string | null {
    return this.options.aiEnv.GEMINI_API_KEY?.trim() || this.geminiKey || null;
  }

  /** The cloud connection in effect: a fixed one, the environment's, else the kept one. */
  cloudConfig(): CloudConfig | null {
    if (this.options.fixedCloud !== undefined) return this.options.fixedCloud;
    return cloudConfigFromEnv(this.options.syncEnv) ?? (this.cloud ? toCloudConfig(this.cloud) : null);
  }

  setGeminiKey(apiKey: string | null): void {
    this.geminiKey = apiKey ?? undefined;
  }

  setCloud(connection: CloudConnection | null): void {
    const before = this.cloudConfig();
    this.cloud = connection ?? undefined;
    const after = this.cloudConfig();
    if (JSON.stringify(before) !== JSON.stringify(after)) this.cloudListeners.forEach((l) => l(after));
  }

  /** Called when the connection in effect changes (sync restarts with it). */
  onCloudChange(listener: (config: CloudConfig | null) => void): () => void {
    this.cloudListeners.add(listener);
    return () => this.cloudListeners.delete(listener);
  }

  status(): SecretsStatus {
    const config = this.cloudConfig();
    return {
      storage: this.options.storage,
      gemini: { set: this.geminiApiKey() !== null, source: this.geminiSource() },
      cloud: {
        set: config !== null,
        source: this.cloudSource(),
        workspaceId: config?.workspaceId ?? null,
        postgres: redactUrl(config?.databaseUrl),
        redis: redactUrl(config?.redisUrl),
        qdrant: redactUrl(config?.qdrantUrl),
        qdrantApiKeySet: Boolean(config?.qdrantApiKey),
      },
    };
  }

  private geminiSource(): SecretSource | null {
    if (this.options.aiEnv.GEMINI_API_KEY?.trim()) return 'env';
    return this.geminiKey ? this.options.storage.kind : null;
  }

  private cloudSource(): SecretSource | null {
    if (this.options.fixedCloud !== undefined) return this.options.fixedCloud ? 'env' : null;
    if (cloudConfigFromEnv(this.options.syncEnv)) return 'env';
    return this.cloud ? this.options.storage.kind : null;
  }
}
