import type { CloudConnection } from '../shared/contract/secrets';
import type { QdrantStore } from './qdrant';
import type { CloudConfig } from './service';

/**
 * The cloud connection from the environment (`TIMESCALE_DATABASE_URL`, `TPJ_WORKSPACE`,
 * `REDIS_URL`, `QDRANT_URL`, `QDRANT_API_KEY`). Null when PostgreSQL or the workspace is
 * missing: without them there is nothing to sync with, and the journal stays local.
 */
export function cloudConfigFromEnv(env: Readonly<Record<string, string | undefined>>): CloudConfig | null {
  const databaseUrl = env.TIMESCALE_DATABASE_URL?.trim();
  const workspaceId = env.TPJ_WORKSPACE?.trim();
  if (!databaseUrl || !workspaceId) return null;
  return {
    databaseUrl,
    workspaceId,
    redisUrl: env.REDIS_URL?.trim() || undefined,
    qdrantUrl: env.QDRANT_URL?.trim() || undefined,
    qdrantApiKey: env.QDRANT_API_KEY?.trim() || undefined,
  };
}

/** A connection address safe to show and log: scheme, host, port and path, never credentials. */
export function redactUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(not a valid address)';
  }
}

/** The workspace's Qdrant client, loaded on first use (never on the app's start-up path). */
export async function qdrantFor(config: CloudConfig & { qdrantUrl: string }): Promise<QdrantStore> {
  const { QdrantStore } = await import('./qdrant');
  return new QdrantStore({
    url: config.qdrantUrl,
    workspaceId: config.workspaceId,
    ...(config.qdrantApiKey ? { apiKey: config.qdrantApiKey } : {}),
  });
}

/** A connection as typed in Settings, as sync uses it: empty optional fields are left out. */
export function toCloudConfig(connection: CloudConnection): CloudConfig {
  return {
    databaseUrl: connection.databaseUrl,
    workspaceId: connection.workspaceId,
    redisUrl: connection.redisUrl || undefined,
    qdrantUrl: connection.qdrantUrl || undefined,
    qdrantApiKey: connection.qdrantApiKey || undefined,
  };
}
