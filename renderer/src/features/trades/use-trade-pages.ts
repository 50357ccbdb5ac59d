import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, TradeFilter, TradeSort } from '../../../../shared/contract';
import type { Trade } from '../../../../shared/domain/types';
import { call } from '../../client/call';
import { client } from '../../client/client';

export const PAGE_SIZE = 100;
/** The contract's largest page; a refresh reloads what was on screen in one call up to this. */
const MAX_LIMIT = 1000;

type ListQuery = { filter: TradeFilter; sort?: TradeSort; search?: string };

export type TradePages = {
  items: Trade[];
  total: number | null;
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: AppError | null;
  loadMore: () => void;
  reload: () => void;
};

/** The Trades page's order and search box; both go to the core, so they hold over every page. */
export type TradeView = { sort?: TradeSort; search?: string };

/**
 * Trades newest first (or in `view.sort` order), one keyset page at a time. When the core reports changed trades
 * the list reloads from the top, keeping as many rows as the trader had loaded.
 */
export function useTradePages(filter: TradeFilter = {}, pageSize = PAGE_SIZE, view: TradeView = {}): TradePages {
  // Filters are small plain objects; as JSON they compare by value, so callers may pass literals.
  const filterKey = JSON.stringify({ filter, sort: view.sort, search: view.search || undefined });
  const [items, setItems] = useState<Trade[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  // Each request gets a number; an answer to an older request than the latest is dropped.
  const latest = useRef(0);
  const shown = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    const limit = Math.min(MAX_LIMIT, Math.max(pageSize, shown.current));
    const result = await call('trades.list', { ...(JSON.parse(filterKey) as ListQuery), cursor: null, limit });
    if (request !== latest.current) return;
    setLoading(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    shown.current = result.value.items.length;
    setItems(result.value.items);
    setTotal(result.value.total);
    setCursor(result.value.nextCursor);
  }, [pageSize, filterKey]);

  const loadMore = useCallback(async () => {
    if (cursor === null) return;
    const request = ++latest.current;
    setLoadingMore(true);
    const result = await call('trades.list', { ...(JSON.parse(filterKey) as ListQuery), cursor, limit: pageSize });
    if (request !== latest.current) return;
    setLoadingMore(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setItems((previous) => {
      const next = [...previous, ...result.value.items];
      shown.current = next.length;
      return next;
    });
    setTotal(result.value.total);
    setCursor(result.value.nextCursor);
  }, [cursor, pageSize, filterKey]);

  useEffect(() => {
    void reload();
    return client.on('journal.changed', ({ entities }) => {
      if (entities.includes('trades') || entities.includes('trade_tags')) void reload();
    });
  }, [reload]);

  // Stable callbacks: the virtualized table calls loadMore from an effect as rows come near.
  const loadMoreNow = useCallback(() => void loadMore(), [loadMore]);
  const reloadNow = useCallback(() => void reload(), [reload]);
  return {
    items,
    total,
    hasMore: cursor !== null,
    loading,
    loadingMore,
    error,
    loadMore: loadMoreNow,
    reload: reloadNow,
  };
}
