import { useRef, useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { BackupCreated, BackupInfo } from '../../../../shared/contract/backups';
import { useTimeZone } from '../../state/journal-store';
import type { Remote } from '../../state/use-remote';
import { Loading } from '../../ui/Loading';
import { createdText } from './backup-list';
import { BackupsTable } from './BackupsTable';
import { ConfirmDelete } from './ConfirmDelete';
import { baseName } from './paths';
import { ExportForm } from './ExportForm';
import { OperationProgress } from './OperationProgress';
import { callQuietly } from '../../client/quiet-call';
import type { Operation } from './use-operation';

type Props = {
  backups: Remote<BackupInfo[]>;
  exportFolder: string | null;
  /** Shown in the empty state: when the first backup will happen on its own. */
  scheduleText: string;
  operation: Operation;
  onCreated: () => void;
  onRestore: (file: string) => void;
  /** A backup was deleted: the list changed. */
  onDeleted: () => void;
};

type Outcome =
  | { kind: 'created'; backup: BackupCreated }
  | { kind: 'failed'; error: AppError }
  | { kind: 'deleted'; file: string }
  | { kind: 'delete-failed'; error: AppError }
  | null;

/** The backups on this computer, and "Back up now" / "Export to folder…". */
export function BackupsCard({
  backups,
  exportFolder,
  scheduleText,
  operation,
  onCreated,
  onRestore,
  onDeleted,
}: Props) {
  const timeZone = useTimeZone();
  const [exportOpen, setExportOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const exportToggle = useRef<HTMLButtonElement>(null);
  const busy = operation.running !== null;
  const list = backups.value ?? [];
  const [deleting, setDeleting] = useState<string | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const toDelete = list.find((b) => b.file === deleting) ?? null;

  const deleteBackup = async (file: string) => {
    setDeleteBusy(true);
    const result = await callQuietly('backups.delete', { file });
    setDeleteBusy(false);
    setDeleting(null);
    setOutcome(result.ok ? { kind: 'deleted', file } : { kind: 'delete-failed', error: result.error });
    if (result.ok) onDeleted();
  };

  const backUp = async (folder: string | null) => {
    setOutcome(null);
    const result = await operation.run('backup', () =>
      callQuietly('backups.create', folder === null ? {} : { folder }),
    );
    if (!result.ok) {
      setOutcome({ kind: 'failed', error: result.error });
      return;
    }
    setOutcome({ kind: 'created', backup: result.value });
    setExportOpen(false);
    onCreated();
  };

  return (
    <section className="card" aria-labelledby="backups-title" data-testid="backups-card">
      <header className="card__header">
        <h2 id="backups-title">Backups on this computer</h2>
        <div className="card__actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-expanded={exportOpen}
            ref={exportToggle}
            onClick={() => setExportOpen((open) => !open)}
          >
            Export to folder…
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void backUp(null)}
            data-testid="backup-now"
          >
            Back up now
          </button>
        </div>
      </header>
      {exportOpen && (
        <ExportForm
          initial={exportFolder ?? ''}
          busy={busy}
          onExport={(folder) => void backUp(folder)}
          onClose={() => {
            setExportOpen(false);
            exportToggle.current?.focus();
          }}
        />
      )}
      {operation.running === 'backup' && (
        <div className="card__body card__body--tight">
          <OperationProgress
            operation="backup"
            progress={operation.progress}
            onCancel={operation.cancel}
            testId="backup-progress"
          />
        </div>
      )}
      {toDelete !== null && (
        <ConfirmDelete
          backup={toDelete}
          timeZone={timeZone}
          busy={deleteBusy}
          onConfirm={() => void deleteBackup(toDelete.file)}
          onCancel={() => setDeleting(null)}
        />
      )}
      {outcome !== null && <OutcomeLine outcome={outcome} />}
      {backups.loading && backups.value === undefined ? (
        <Loading label="Looking for backups…" />
      ) : backups.error && backups.value === undefined ? (
        <div className="card__body backups-problem" role="alert">
          <p>The backups could not be listed: {backups.error.message}</p>
          <button type="button" className="button" onClick={backups.reload}>
            Try again
          </button>
        </div>
      ) : list.length === 0 ? (
        <EmptyBackups scheduleText={scheduleText} />
      ) : (
        <BackupsTable
          backups={list}
          timeZone={timeZone}
          fresh={outcome?.kind === 'created' ? outcome.backup.file : null}
          busy={busy || deleteBusy}
          onRestore={onRestore}
          onDelete={(file) => {
            setOutcome(null);
            setDeleting(file);
          }}
        />
      )}
    </section>
  );
}

function OutcomeLine({ outcome }: { outcome: NonNullable<Outcome> }) {
  if (outcome.kind === 'deleted') {
    return (
      <p className="backups-outcome backups-outcome--ok" role="status" data-testid="backup-outcome">
        Deleted {baseName(outcome.file)}.
      </p>
    );
  }
  if (outcome.kind === 'delete-failed') {
    return (
      <p className="backups-outcome backups-outcome--fail" role="alert" data-testid="backup-outcome">
        The backup was not deleted: {outcome.error.message}
      </p>
    );
  }
  if (outcome.kind === 'created') {
    return (
      <p className="backups-outcome backups-outcome--ok" role="status" data-testid="backup-outcome">
        {createdText(outcome.backup)}
      </p>
    );
  }
  const cancelled = outcome.error.code === 'CANCELLED';
  return (
    <p
      className={`backups-outcome backups-outcome--${cancelled ? 'muted' : 'fail'}`}
      role={cancelled ? 'status' : 'alert'}
      data-testid="backup-outcome"
    >
      {cancelled ? outcome.error.message : `The backup failed: ${outcome.error.message}`}
    </p>
  );
}

function EmptyBackups({ scheduleText }: { scheduleText: string }) {
  return (
    <div className="backups-empty" data-testid="backups-empty">
      <svg className="backups-empty__art" viewBox="0 0 48 48" width="40" height="40" aria-hidden="true">
        <path
          d="M8 10h32v8H8zM10 18v20h28V18M20 26h8"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <h3>No backups yet</h3>
      <p>
        {scheduleText} Back up now to have one straight away. Each backup is read back and checked before it counts as
        verified.
      </p>
    </div>
  );
}
