import { backupText, countText, pendingText, syncText } from '../format/status';
import { useJournal, useTimeZone } from '../state/journal-store';

/** The always-visible line at the bottom: what is in the journal, sync and backups. */
export function StatusBar() {
  const status = useJournal((s) => s.status);
  const ready = useJournal((s) => s.ready);
  const timeZone = useTimeZone();
  if (!status) {
    return (
      <footer className="status-bar" data-testid="status-bar">
        <span>{ready ? 'Journal status unavailable' : 'Connecting to the journal…'}</span>
      </footer>
    );
  }
  const syncTone = status.sync.state === 'error' || status.sync.state === 'conflicts' ? 'warn' : 'normal';
  const pending = pendingText(status);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-trades">{countText(status.counts.trades, 'trade')}</span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span>{countText(status.counts.accounts, 'account')}</span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span
        className={`status-bar__sync status-bar__sync--${syncTone}`}
        title={status.sync.message ?? undefined}
        data-testid="status-sync"
      >
        {syncText(status.sync, timeZone)}
      </span>
      {pending && (
        <>
          <span className="status-bar__sep" aria-hidden="true" />
          <span className="status-bar__muted" data-testid="status-pending">
            {pending}
          </span>
        </>
      )}
      <span className="status-bar__sep" aria-hidden="true" />
      <span data-testid="status-backup">{backupText(status.backup, timeZone)}</span>
      <span className="status-bar__spacer" />
      <span className="status-bar__muted">Time zone: {timeZone}</span>
      <span className="status-bar__sep" aria-hidden="true" />
      <span className="status-bar__muted">v{status.version}</span>
    </footer>
  );
}
