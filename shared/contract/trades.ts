import { z } from 'zod';
import type { Trade, TradeDetail } from '../domain/types';
import { decimal, epochMs, id, labels } from './common';
import { method } from './define';

/** Filters every trade view shares (list, stats, exports). */
export const tradeFilter = z
  .object({
    from: epochMs.optional(),
    to: epochMs.optional(),
    /** Bound closedAt instead (open trades drop out): the calendar's rule for a day's trades. */
    closedFrom: epochMs.optional(),
    closedTo: epochMs.optional(),
    accountIds: z.array(id).max(100).optional(),
    symbol: z.string().trim().min(1).max(40).optional(),
    side: z.enum(['long', 'short']).optional(),
    tagId: id.optional(),
    playbookId: id.optional(),
    outcome: z.enum(['win', 'loss', 'breakeven']).optional(),
    status: z.enum(['open', 'closed']).optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: 'the start date must be before the end date',
    path: ['to'],
  })
  .refine((f) => f.closedFrom === undefined || f.closedTo === undefined || f.closedFrom <= f.closedTo, {
    message: 'the start date must be before the end date',
    path: ['closedTo'],
  });

export type TradeFilter = z.infer<typeof tradeFilter>;

/** Columns the trades list can be sorted by (server-side, keyset-paginated). */
export const tradeSortKeys = ['openedAt', 'closedAt', 'symbol', 'netPnl', 'rMultiple'] as const;
export type TradeSortKey = (typeof tradeSortKeys)[number];

/**
 * The list's order. Ties break on the trade id in the same direction; trades without a value
 * (open trades' close time, R with no risk set) come last in both directions.
 */
export const tradeSort = z.object({ key: z.enum(tradeSortKeys), dir: z.enum(['asc', 'desc']) }).strict();
export type TradeSort = z.infer<typeof tradeSort>;

export { defaultTradeSort } from './trade-sort-default';

/** `total` is counted when a listing starts (no cursor) and carried through its later pages. */
export type TradePage = { items: Trade[]; nextCursor: string | null; total: number };

const nullableDecimal = decimal.nullable();

export const tradeAnnotationsPatch = z
  .object({
    stopPrice: nullableDecimal.optional(),
    targetPrice: nullableDecimal.optional(),
    riskAmount: nullableDecimal.optional(),
    playbookId: id.nullable().optional(),
    rating: z.number().int().min(1).max(5).nullable().optional(),
    notes: z.string().max(200_000).optional(),
    emotions: labels.optional(),
    mistakes: labels.optional(),
    /** Ids of the playbook's rules the trader kept on this trade. */
    rulesKept: z.array(z.string().min(1).max(64)).max(100).optional(),
    tagIds: z.array(id).max(50).optional(),
  })
  .strict();

export type TradeAnnotationsPatch = z.infer<typeof tradeAnnotationsPatch>;

export const tradesContract = {
  /**
   * Newest first unless `sort` says otherwise, keyset-paginated: pass `nextCursor` back (with the
   * same sort) to get the following page. `search` matches symbol, notes and tag names, any case;
   * it lives here rather than in tradeFilter because the stats engine filters an in-memory
   * projection that holds neither notes nor tag names.
   */
  'trades.list': method<TradePage>()(
    z
      .object({
        filter: tradeFilter.default({}),
        sort: tradeSort.optional(),
        search: z.string().trim().max(100).optional(),
        cursor: z.string().max(400).nullable().default(null),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ),
  'trades.get': method<TradeDetail>()(z.object({ id }).strict()),
  'trades.update': method<Trade>()(z.object({ id, patch: tradeAnnotationsPatch }).strict()),
  'trades.delete': method<{ id: string }>()(z.object({ id }).strict()),
  'trades.bulkTag': method<{ updated: number }>()(
    z.object({ ids: z.array(id).min(1).max(10_000), tagId: id, action: z.enum(['add', 'remove']) }).strict(),
  ),
};
