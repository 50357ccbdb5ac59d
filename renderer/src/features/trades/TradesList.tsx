import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TradeFilter, TradeSort, TradeSortKey } from '../../../../shared/contract';
import { defaultTradeSort } from '../../../../shared/contract/trade-sort-default';
import { hrefOf } from '../../app/routes';
import { useHashParam } from '../../app/use-route';
import { formatDay } from '../../format/date';
import { closedOnDay } from '../../format/zone-day';
import { useTimeZone } from '../../state/journal-store';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { BulkTagBar } from './BulkTagBar';
import { useRowSelection } from './selection';
import { useTradePages } from './use-trade-pages';
import { VirtualTradesTable } from './VirtualTradesTable';

const count = new Intl.NumberFormat();
/** Typing settles this long before the list is asked again. */
const SEARCH_DEBOUNCE_MS = 200;

const sortNames: Record<TradeSortKey, string> = {
  openedAt: 'open time',
  closedAt: 'close time',
  symbol: 'symbol',
  netPnl: 'net P&L',
  rMultiple: 'R',
};

/** A new column starts at its natural end (A to Z, biggest first); the same column again reverses. */
export function nextSort(current: TradeSort, key: TradeSortKey): TradeSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'symbol' ? 'asc' : 'desc' };
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The virtualized trades table with its "Showing N of TOTAL" line: scrolling near the end of the
 * loaded rows fetches the next page; "Load more" stays as the keyboard's and the careful way.
 */
export function TradesList() {
  // `#/trades?day=2025-03-14` (the dashboard calendar) narrows the list to trades closed that day,
  // the trades whose P&L coloured that day.
  const day = useHashParam('day');
  const timeZone = useTimeZone();
  const range = day === null ? null : closedOnDay(day, timeZone);
  const filter = useMemo<TradeFilter>(() => range ?? {}, [range?.closedFrom, range?.closedTo]);
  const [sort, setSort] = useState<TradeSort>(defaultTradeSort);
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const pages = useTradePages(filter, undefined, { sort, search });
  const ids = useMemo(() => pages.items.map((t) => t.id), [pages.items]);
  const selection = useRowSelection(ids);
  const { clear } = selection;
  // A selection is of the rows in front of the trader; another list starts with none.
  const query = JSON.stringify([filter, sort, search]);
  useEffect(() => clear(), [query, clear]);
  const onSort = useCallback((key: TradeSortKey) => setSort((s) => nextSort(s, key)), []);
  const selectedIds = useMemo(() => ids.filter((id) => selection.selected.has(id)), [ids, selection.selected]);
  const { hasMore, loading, loadingMore, loadMore } = pages;
  // Not while a refresh is on its way: the newer request would drop the refreshed rows.
  const onNearEnd = useCallback(() => {
    if (hasMore && !loading && !loadingMore) loadMore();
  }, [hasMore, loading, loadingMore, loadMore]);
  const summary =
    pages.total === null ? undefined : (
      <>
        <span data-testid="trades-summary">
          Showing {count.format(pages.items.length)} of {count.format(pages.total)} trades
        </span>
        {range !== null && day !== null && (
          <span data-testid="trades-day">
            {' '}
            closed on {formatDay(day)} ·{' '}
            <a className="link" href={hrefOf('trades')}>
              Show all trades
            </a>
          </span>
        )}
      </>
    );

  return (
    <>
      <PageHeader
        title="Trades"
        summary={summary}
        actions={
          <button type="button" className="button" onClick={pages.reload} disabled={pages.loading}>
            Refresh
          </button>
        }
      />
      <div className="trades-tools">
        <label className="field trades-tools__search">
          <span className="field__label">Search</span>
          <input
            type="search"
            value={searchText}
            maxLength={100}
            placeholder="Symbol, notes or tag"
            onChange={(e) => setSearchText(e.target.value)}
            data-testid="trades-search"
          />
        </label>
        {selectedIds.length > 0 && <BulkTagBar ids={selectedIds} onClear={clear} />}
      </div>
      {pages.loading && pages.items.length === 0 ? (
        <Loading label="Loading trades…" />
      ) : pages.error && pages.items.length === 0 ? (
        <p className="card card--padded">The trades could not be loaded: {pages.error.message}</p>
      ) : (
        <section className="card">
          <VirtualTradesTable
            trades={pages.items}
            total={pages.total ?? pages.items.length}
            caption={`Trades by ${sortNames[sort.key]}, ${sort.dir === 'asc' ? 'ascending' : 'descending'}`}
            onNearEnd={onNearEnd}
            sort={sort}
            onSort={onSort}
            selection={selection}
          />
          <div className="table-footer">
            {pages.hasMore ? (
              <button
                type="button"
                className="button"
                onClick={pages.loadMore}
                disabled={pages.loadingMore}
                data-testid="load-more"
              >
                {pages.loadingMore ? 'Loading…' : 'Load more'}
              </button>
            ) : (
              <span className="cell-muted">{pages.items.length > 0 ? 'All trades are shown.' : 'No trades.'}</span>
            )}
          </div>
        </section>
      )}
    </>
  );
}
