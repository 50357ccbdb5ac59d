import { z } from 'zod';
import type { LocalJobs } from '../jobs/local-jobs';
import { PermanentJobError, type ProcessorRegistry } from '../jobs/processors';
import type { RowChanges, Store } from '../journal/store';
import type { Logger } from '../log/logger';
import type { Space } from './cache';
import { embeddedEntities, isEmbeddedEntity, readTargets, type EmbeddedEntity } from './content';
import type { EmbeddingService } from './service';
import { prepared } from '../db/prepared';

/**
 * Embedding work waits this long after the write that asked for it: a short coalescing
 * delay, so the app's own follow-up calls (list refresh, status bar) go first and a burst of
 * edits to one row embeds its last content once. It was 2 s while PGlite ran on the core's
 * thread; the cache now runs it on a worker thread (cache.ts, docs/embeddings.md).
 */
export const EMBED_AFTER_WRITE_MS = 250;

/** More changed rows than this in one mutation: one "embed missing" job instead of one per row. */
export const BULK_ROWS = 200;

const embedPayload = z.object({
  entity: z.enum(embeddedEntities),
  id: z.string().min(1),
  /** The content hash when queued, null when the row was deleted. */
  sha256: z.string().nullable(),
  provider: z.string(),
  model: z.string(),
});
export type EmbedPayload = z.infer<typeof embedPayload>;

export type EmbeddingJobsDeps = {
  store: Store;
  jobs: LocalJobs;
  processors: ProcessorRegistry;
  service: EmbeddingService;
  logger: Logger;
  timeZone: () => string;
  /** The space embeddings are meant for now (names the idempotency key). */
  configuredSpace: () => Space;
  /** Wait after a write before embedding (default EMBED_AFTER_WRITE_MS). */
  delayMs?: number | undefined;
};

/**
 * Journal changes → `ai` queue jobs, and the processors that run them. The idempotency key
 * (entity, id, content sha256, provider, model) means one content is queued once, however
 * often the row is saved with it.
 */
export class EmbeddingJobs {
  private readonly disposers: (() => void)[] = [];
  private rebuildAbort: AbortController | null = null;
  /** "Embed missing" passes running now, and whether a bulk change arrived during one. */
  private missingRunning = 0;
  private missingAgain = false;

  constructor(private readonly deps: EmbeddingJobsDeps) {
    const { processors, service } = deps;
    this.disposers.push(
      processors.register<EmbedPayload>('ai', 'embed', {
        payload: embedPayload,
        run: async ({ payload, signal }) => {
          await service.embedRows(payload.entity, [payload.id], { signal });
        },
      }),
      processors.register('ai', 'embed-missing', {
        run: async (job) => {
          this.missingRunning++;
          try {
            do {
              this.missingAgain = false;
              await service.embedAll({
                signal: job.signal,
                progress: (done, total) => job.reportProgress(done / total),
              });
            } while (this.missingAgain);
          } finally {
            this.missingRunning--;
          }
        },
      }),
      processors.register('ai', 'embed-rebuild', {
        run: async (job) => {
          const abort = new AbortController();
          this.rebuildAbort = abort;
          const both = AbortSignal.any([job.signal, abort.signal]);
          try {
            await service.rebuild({ signal: both, progress: (done, total) => job.reportProgress(done / total) });
          } catch (error) {
            if (abort.signal.aborted) throw new PermanentJobError('The rebuild was cancelled.');
            throw error;
          } finally {
            if (this.rebuildAbort === abort) this.rebuildAbort = null;
          }
        },
      }),
      deps.store.onChange((_entities, rows) => this.enqueueFor(rows)),
    );
  }

  /** Queue a full rebuild (one at a time). */
  requestRebuild(): { jobId: number; added: boolean } {
    const { id, added } = this.deps.jobs.add('ai', 'embed-rebuild', {}, { idempotencyKey: 'embed-rebuild' });
    return { jobId: id, added };
  }

  /** Abort the running rebuild, if any. */
  cancelRebuild(): { cancelled: boolean } {
    if (!this.rebuildAbort) return { cancelled: false };
    this.rebuildAbort.abort();
    return { cancelled: true };
  }

  dispose(): void {
    this.rebuildAbort?.abort();
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** The jobs one committed mutation calls for. */
  enqueueFor(rows: RowChanges): void {
    try {
      let missing = false;
      const byEntity = new Map<EmbeddedEntity, Set<string>>();
      const add = (entity: EmbeddedEntity, ids: Iterable<string>) => {
        const set = byEntity.get(entity) ?? new Set<string>();
        for (const id of ids) set.add(id);
        byEntity.set(entity, set);
      };
      for (const [entity, ids] of rows) {
        // A tag or playbook renamed changes the content of every trade that carries it.
        if (entity === 'tags' || entity === 'playbooks') missing = true;
        if (entity === 'trade_tags') {
          if (ids === null) missing = true;
          else add('trades', this.tradesOfTradeTags([...ids]));
        } else if (isEmbeddedEntity(entity)) {
          if (ids === null) missing = true;
          else add(entity, ids);
        }
      }
      for (const ids of byEntity.values()) if (ids.size > BULK_ROWS) missing = true;
      if (missing) return this.enqueueMissing();
      for (const [entity, ids] of byEntity) this.enqueueRows(entity, [...ids]);
    } catch (error) {
      // Embeddings are derived data: a failure here must never fail the trader's write.
      this.deps.logger.warn({ err: error }, 'could not queue embedding jobs');
    }
  }

  /** Queue one pass over every row (unless one is already waiting). */
  enqueueMissing(): void {
    const { added } = this.deps.jobs.add(
      'ai',
      'embed-missing',
      {},
      { idempotencyKey: 'embed-missing', delayMs: this.deps.delayMs ?? EMBED_AFTER_WRITE_MS },
    );
    // Already queued and waiting: it will see this write. Running: it may have read past it.
    if (!added && this.missingRunning > 0) this.missingAgain = true;
  }

  private enqueueRows(entity: EmbeddedEntity, ids: string[]): void {
    const space = this.deps.configuredSpace();
    const targets = new Map(readTargets(this.deps.store.db, entity, ids, this.deps.timeZone()).map((t) => [t.id, t]));
    this.deps.store.db.transaction(() => {
      for (const id of ids) {
        const sha256 = targets.get(id)?.sha256 ?? null;
        const payload: EmbedPayload = { entity, id, sha256, provider: space.provider, model: space.model };
        const key = [entity, id, sha256 ?? 'deleted', space.provider, space.model].join(':');
        this.deps.jobs.add('ai', 'embed', payload, {
          idempotencyKey: key,
          delayMs: this.deps.delayMs ?? EMBED_AFTER_WRITE_MS,
        });
      }
    })();
  }

  private tradesOfTradeTags(ids: string[]): string[] {
    return prepared(
      this.deps.store.db,
      `SELECT DISTINCT trade_id FROM trade_tags WHERE id IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .all(JSON.stringify(ids)) as string[];
  }
}
