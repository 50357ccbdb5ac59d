import { useJournal } from '../../state/journal-store';
import { EmptyJournal } from '../../ui/EmptyJournal';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { TradesList } from './TradesList';

/** All trades, newest first; an empty journal shows the first-run choices instead. */
export function TradesPage() {
  const status = useJournal((s) => s.status);
  const ready = useJournal((s) => s.ready);
  if (!ready) return <Loading label="Opening the journal…" />;
  if (status?.counts.trades === 0) {
    return (
      <>
        <PageHeader title="Trades" />
        <EmptyJournal />
      </>
    );
  }
  return <TradesList />;
}
