import { z } from 'zod';
import type { Embedder } from '../../electron/core/embeddings/embedders';
import { readTargets, type EmbedTarget } from '../../electron/core/embeddings/content';
import { PermanentJobError } from '../../electron/core/jobs/processors';
import type { CloudDb } from '../postgres';
import type { QdrantStore, VectorPoint } from '../qdrant';
import { cloudTimeZone, loadTradeSlice, tradePage } from './cloud-slice';
import type { CloudProcessor } from './processors';

export const embedTradesPayload = z
  .object({
    /** Only these trades; every trade of the workspace when absent. */
    tradeIds: z.array(z.string().uuid()).min(1).max(10_000).optional(),
  })
  .strict();
export type EmbedTradesPayload = z.infer<typeof embedTradesPayload>;

export type EmbedTradesReport = {
  space: { provider: string; model: string; dims: number };
  embedded: number;
  unchanged: number;
  deleted: number;
};

export type EmbedTradesDeps = {
  cloud: () => Promise<CloudDb>;
  qdrant: () => Promise<QdrantStore>;
  embedder: Embedder;
};

const PAGE = 256;

/**
 * `ai/embed-trades`: embed the trades devices pushed to PostgreSQL and upsert them to the
 * workspace's Qdrant, so a device (a phone, a new laptop) can pull vectors instead of
 * embedding its journal itself. Content and payload are built exactly as a device builds
 * them; points whose content hash is already there are skipped, so a rerun costs nothing.
 */
export function embedTradesProcessor(deps: EmbedTradesDeps): CloudProcessor<EmbedTradesPayload, EmbedTradesReport> {
  return {
    payload: embedTradesPayload,
    run: (job) => embedTrades(deps, job.payload.tradeIds ?? null, job.signal, (f) => job.reportProgress(f)),
  };
}

export async function embedTrades(
  deps: EmbedTradesDeps,
  ids: readonly string[] | null,
  signal: AbortSignal,
  progress: (fraction: number) => void = () => undefined,
): Promise<EmbedTradesReport> {
  const cloud = await deps.cloud();
  const qdrant = await deps.qdrant();
  const space = deps.embedder.space;
  const width = await qdrant.width('trades');
  if (width !== null && width !== space.dims) {
    // Recreating the collection at our width would drop every device's vectors of the other model.
    throw new PermanentJobError(
      `Qdrant's trades collection holds ${width}-wide vectors but this worker embeds with ${space.provider}/${space.model} ` +
        `(${space.dims}); give the worker the same embedding provider as the devices (GEMINI_API_KEY).`,
    );
  }
  await qdrant.ensureCollections(space.dims);
  const stored = await qdrant.contentHashes('trades');
  const timeZone = await cloudTimeZone(cloud);
  const report: EmbedTradesReport = { space, embedded: 0, unchanged: 0, deleted: 0 };
  const total = ids?.length ?? null;
  let seen = 0;
  let after = '';
  for (;;) {
    signal.throwIfAborted();
    const rows = await tradePage(cloud, after, PAGE, ids);
    if (rows.length === 0) break;
    after = String(rows[rows.length - 1]!.id);
    const live = rows.filter((r) => r.deleted_hlc === null).map((r) => String(r.id));
    const slice = await loadTradeSlice(cloud, rows);
    let targets: EmbedTarget[];
    try {
      targets = readTargets(slice, 'trades', live, timeZone);
    } finally {
      slice.close();
    }
    const changed = targets.filter((t) => stored.get(t.id) !== t.sha256);
    report.unchanged += targets.length - changed.length;
    if (changed.length > 0) {
      const vectors = await deps.embedder.embed(changed, signal);
      await qdrant.upsert(
        'trades',
        changed.map((t, i) => pointOf(t, Array.from(vectors[i]!), qdrant.workspaceId, space)),
      );
      report.embedded += changed.length;
    }
    const gone = rows.filter((r) => r.deleted_hlc !== null && stored.has(String(r.id))).map((r) => String(r.id));
    if (gone.length > 0) {
      await qdrant.delete('trades', gone);
      report.deleted += gone.length;
    }
    seen += rows.length;
    if (total !== null) progress(Math.min(1, seen / total));
  }
  return report;
}

/** The same point a device mirrors (sync/vectors.ts): id, vector, workspace, hash, space and filter fields. */
function pointOf(
  target: EmbedTarget,
  vector: number[],
  workspaceId: string,
  space: EmbedTradesReport['space'],
): VectorPoint {
  return {
    id: target.id,
    vector,
    payload: {
      workspace_id: workspaceId,
      content_hash: target.sha256,
      provider: space.provider,
      model: space.model,
      dims: space.dims,
      ...(target.filter
        ? { account_id: target.filter.accountId, symbol: target.filter.symbol, opened_at: target.filter.openedAt }
        : {}),
    },
  };
}
