import { useJournal } from '../../state/journal-store';
import { EmptyJournal } from '../../ui/EmptyJournal';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { CountCards } from './CountCards';
import { RecentTrades } from './RecentTrades';
import { SyncCard } from './SyncCard';

/** The journal at a glance: what it holds, the latest trades, sync and backups. */
export function DashboardPage() {
  const status = useJournal((s) => s.status);
  const ready = useJournal((s) => s.ready);
  if (!ready) return <Loading label="Opening the journal…" />;
  return (
    <>
      <PageHeader title="Dashboard" summary="Your journal on this computer." />
      {status?.counts.trades === 0 ? (
        // Four zeros say nothing on a first run; the invitation is the whole page.
        <EmptyJournal />
      ) : (
        <>
          {status && <CountCards counts={status.counts} />}
          <div className="dashboard-grid">
            <RecentTrades />
            {status && <SyncCard status={status} />}
          </div>
        </>
      )}
    </>
  );
}
