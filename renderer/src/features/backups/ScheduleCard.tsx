import type { BackupSettings, BackupStatus } from '../../../../shared/contract/backups';
import { formatDateTime } from '../../format/date';
import { useTimeZone } from '../../state/journal-store';
import type { AppError } from '../../../../shared/contract';
import { Loading } from '../../ui/Loading';
import { describeSchedule } from './schedule';
import { ScheduleForm } from './ScheduleForm';

type Props = {
  settings: BackupSettings | null;
  loading: boolean;
  error: AppError | null;
  onReload: () => void;
  onSaved: (settings: BackupSettings) => void;
  /** Next scheduled run and the last scheduled run's failure; null until loaded. */
  status: BackupStatus | null;
};

/** The schedule and retention settings, with their loading and error states. */
export function ScheduleCard({ settings, loading, error, onReload, onSaved, status }: Props) {
  const timeZone = useTimeZone();
  return (
    <section className="card" aria-labelledby="schedule-title" data-testid="schedule-card">
      <header className="card__header">
        <h2 id="schedule-title">Schedule and retention</h2>
        {settings !== null && (
          <span className="badge badge--accent" data-testid="schedule-summary">
            {describeSchedule(settings)}
          </span>
        )}
      </header>
      {status !== null && <StatusLines status={status} timeZone={timeZone} />}
      {settings !== null ? (
        <ScheduleForm settings={settings} onSaved={onSaved} />
      ) : loading || error === null ? (
        <Loading label="Loading the backup settings…" />
      ) : (
        <div className="card__body backups-problem" role="alert">
          <p>The backup settings could not be loaded: {error.message}</p>
          <button type="button" className="button" onClick={onReload}>
            Try again
          </button>
        </div>
      )}
    </section>
  );
}

/** When the next scheduled backup runs, and why the last scheduled one failed (if it did). */
function StatusLines({ status, timeZone }: { status: BackupStatus; timeZone: string }) {
  return (
    <div className="card__body card__body--tight backup-status" data-testid="backup-status">
      <p className="backups-outcome backups-outcome--muted" data-testid="backup-next-run">
        {!status.scheduleEnabled
          ? 'Scheduled backups are off.'
          : status.nextRunAt === null
            ? 'No scheduled backup is planned: the schedule is not usable.'
            : `Next scheduled backup: ${formatDateTime(status.nextRunAt, timeZone)}.`}
      </p>
      {status.lastFailure !== null && (
        <p className="backups-outcome backups-outcome--fail" role="alert" data-testid="backup-last-failure">
          The last scheduled backup failed on {formatDateTime(status.lastFailure.at, timeZone)}:{' '}
          {status.lastFailure.message}
        </p>
      )}
    </div>
  );
}
