import type { AppStatus } from '../../../../shared/domain/types';
import { formatWhen } from '../../format/date';
import { syncStateText } from '../../format/status';
import { useTimeZone } from '../../state/journal-store';

/** Where the journal lives and whether it is synced and backed up. */
export function SyncCard({ status }: { status: AppStatus }) {
  const timeZone = useTimeZone();
  const rows = [
    { label: 'Sync', value: capitalize(syncStateText(status.sync, timeZone)) },
    { label: 'Last synced', value: formatWhen(status.sync.lastSyncedAt, timeZone) },
    { label: 'Last backup', value: formatWhen(status.backup.lastBackupAt, timeZone) },
    { label: 'Changes not yet synced', value: new Intl.NumberFormat().format(status.outboxPending) },
    { label: 'Data folder', value: status.dataDir },
  ];
  return (
    <section className="card" aria-labelledby="sync-title" data-testid="sync-card">
      <header className="card__header">
        <h2 id="sync-title">Sync &amp; backup</h2>
      </header>
      <dl className="facts">
        {rows.map((r) => (
          <div className="facts__row" key={r.label}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
      {status.sync.message && <p className="card__note">{status.sync.message}</p>}
    </section>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
