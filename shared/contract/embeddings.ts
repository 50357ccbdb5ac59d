import { z } from 'zod';
import type { Trade } from '../domain/types';
import { empty, epochMs, id } from './common';
import { method } from './define';

/** One trade like the one asked about; score is cosine similarity (1 = the same). */
export type SimilarTrade = { trade: Trade; score: number };

export type SimilarTrades = {
  /** The vector space searched: Gemini's when the trade has a Gemini vector, else the local one. */
  provider: string;
  model: string;
  items: SimilarTrade[];
};

export type EmbeddingsStatus = {
  /** The space similar-trade searches use now. */
  provider: string;
  model: string;
  dims: number;
  /** Vectors stored in that space (all entities). */
  vectorsCached: number;
  tradesEmbedded: number;
  trades: number;
  /** tradesEmbedded ÷ trades, 1 for an empty journal. */
  coverage: number;
};

export const embeddingsContract = {
  /** The k trades most like this one, optionally within an account, a symbol and an opened-at range. */
  'embeddings.similar': method<SimilarTrades>()(
    z
      .object({
        tradeId: id,
        k: z.number().int().min(1).max(50).default(10),
        accountId: id.optional(),
        symbol: z.string().trim().min(1).max(40).optional(),
        from: epochMs.optional(),
        to: epochMs.optional(),
      })
      .strict()
      .refine((i) => i.from === undefined || i.to === undefined || i.from <= i.to, {
        message: 'from must not be after to',
        path: ['from'],
      }),
  ),
  'embeddings.status': method<EmbeddingsStatus>()(empty),
  /** Empty the cache and embed everything again, as a job of the `ai` queue (progress: jobs.progress). */
  'embeddings.rebuild': method<{ jobId: number; added: boolean }>()(empty),
  /** Stop a running rebuild; what it embedded so far stays cached. */
  'embeddings.cancelRebuild': method<{ cancelled: boolean }>()(empty),
};
