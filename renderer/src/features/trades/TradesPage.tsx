import { lazy, Suspense, useEffect } from 'react';
import { useTradeId } from '../../app/use-route';
import { useJournal } from '../../state/journal-store';
import { EmptyJournal } from '../../ui/EmptyJournal';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { takeListPosition } from '../trade-detail/back';
import { TradesList } from './TradesList';

// One trade's page (chart, notes, screenshots) is fetched the first time a trade is opened.
const TradeDetailPage = lazy(() =>
  import('../trade-detail/TradeDetailPage').then((m) => ({ default: m.TradeDetailPage })),
);

/**
 * All trades, newest first, or one trade at `#/trades/<id>`. The list stays mounted (hidden)
 * under an open trade, so Back finds the rows it had loaded and its scroll position.
 */
export function TradesPage() {
  const status = useJournal((s) => s.status);
  const ready = useJournal((s) => s.ready);
  const tradeId = useTradeId();

  useEffect(() => {
    if (tradeId !== null) return;
    const position = takeListPosition();
    if (position === null) return;
    if (position.scrollY !== null) window.scrollTo({ top: position.scrollY });
    // The list is virtualized: the row is rendered once the table has seen the scroll, a frame on.
    let frame = 0;
    const focus = (tries: number) => {
      const row = document.querySelector<HTMLElement>(`[data-trade-id="${CSS.escape(position.tradeId)}"]`);
      if (row) row.focus({ preventScroll: position.scrollY !== null });
      else if (tries > 0) frame = requestAnimationFrame(() => focus(tries - 1));
    };
    focus(3);
    return () => cancelAnimationFrame(frame);
  }, [tradeId]);

  if (!ready) return <Loading label="Opening the journal…" />;
  if (tradeId === null && status?.counts.trades === 0) {
    return (
      <>
        <PageHeader title="Trades" />
        <EmptyJournal />
      </>
    );
  }
  return (
    <>
      <div hidden={tradeId !== null}>
        <TradesList />
      </div>
      {tradeId !== null && (
        <Suspense fallback={<Loading label="Opening the trade…" />}>
          <TradeDetailPage key={tradeId} id={tradeId} />
        </Suspense>
      )}
    </>
  );
}
