import { useCallback, useMemo } from 'react';
import type { TradeFilter } from '../../../../shared/contract';
import { hrefOf } from '../../app/routes';
import { useHashParam } from '../../app/use-route';
import { formatDay } from '../../format/date';
import { closedOnDay } from '../../format/zone-day';
import { useTimeZone } from '../../state/journal-store';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { useTradePages } from './use-trade-pages';
import { VirtualTradesTable } from './VirtualTradesTable';

const count = new Intl.NumberFormat();

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
  const pages = useTradePages(filter);
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
      {pages.loading && pages.items.length === 0 ? (
        <Loading label="Loading trades…" />
      ) : pages.error && pages.items.length === 0 ? (
        <p className="card card--padded">The trades could not be loaded: {pages.error.message}</p>
      ) : (
        <section className="card">
          <VirtualTradesTable
            trades={pages.items}
            total={pages.total ?? pages.items.length}
            caption="Trades, newest first"
            onNearEnd={onNearEnd}
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
