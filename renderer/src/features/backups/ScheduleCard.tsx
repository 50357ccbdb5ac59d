import type { BackupSettings } from '../../../../shared/contract/backups';
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
};

/** The schedule and retention settings, with their loading and error states. */
export function ScheduleCard({ settings, loading, error, onReload, onSaved }: Props) {
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
