import { useEffect, useRef, type FormEvent, type Ref } from 'react';
import type { AppError } from '../../../../shared/contract';
import { useJournal, useTimeZone } from '../../state/journal-store';
import { Loading } from '../../ui/Loading';
import { ConfirmRestore } from './ConfirmRestore';
import { InspectionView } from './InspectionView';
import { OperationProgress } from './OperationProgress';
import { restoreFailure } from './progress';
import { RestoredView } from './RestoredView';
import { useEscape } from './use-escape';
import type { Operation } from './use-operation';
import type { Restore } from './use-restore';

type Props = { restore: Restore; operation: Operation };

/** Restore: a backup from the list or any .tpjbak path → what it replaces → confirm → result. */
export function RestoreCard({ restore, operation }: Props) {
  const { stage } = restore;
  const timeZone = useTimeZone();
  const appSchema = useJournal((s) => s.status?.schemaVersion ?? null);
  const liveNow = useJournal((s) => s.status?.counts ?? null);
  const card = useRef<HTMLElement>(null);
  const pathInput = useRef<HTMLInputElement>(null);
  const problem = useRef<HTMLDivElement>(null);
  const busy = operation.running !== null || stage.kind === 'inspecting';

  const cancel = () => {
    restore.reset();
    pathInput.current?.focus();
  };
  useEscape(['inspect-failed', 'confirming', 'failed'].includes(stage.kind), cancel, card);

  useEffect(() => {
    // A refusal is read at once, where it happened; the confirm field focuses itself.
    if (stage.kind === 'inspect-failed' || stage.kind === 'failed') problem.current?.focus();
  }, [stage]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    restore.inspect();
  };

  return (
    <section
      className="card restore"
      id="restore"
      ref={card}
      aria-labelledby="restore-title"
      data-testid="restore-card"
    >
      <header className="card__header">
        <h2 id="restore-title">Restore from a backup</h2>
      </header>
      <div className="restore__body">
        <p className="restore__intro">
          Choose <strong>Restore…</strong> beside a backup above, or give the path of a <code>.tpjbak</code> file
          anywhere on this computer (an external drive, a copy from another computer). You see what would change before
          anything is replaced.
        </p>
        <form className="restore__pick" onSubmit={submit} noValidate>
          <label className="field restore__path">
            <span className="field__label">Backup file</span>
            <input
              ref={pathInput}
              value={restore.path}
              placeholder="/Volumes/USB/tpj-backup-20261123T030000Z.tpjbak"
              spellCheck={false}
              autoComplete="off"
              disabled={stage.kind === 'restoring'}
              aria-invalid={restore.pathProblem !== null}
              data-testid="restore-path"
              onChange={(e) => restore.setPath(e.target.value)}
            />
            {restore.pathProblem !== null && (
              <span className="field__error" role="alert">
                {restore.pathProblem}
              </span>
            )}
          </label>
          <button type="submit" className="button" disabled={busy}>
            Check this backup
          </button>
        </form>
        {stage.kind === 'inspecting' && <Loading label="Reading what the backup holds…" />}
        {stage.kind === 'inspect-failed' && (
          <Problem
            ref={problem}
            title="This file cannot be restored"
            error={stage.error}
            unchanged
            onClose={cancel}
            testId="restore-failure"
          />
        )}
        {(stage.kind === 'confirming' || stage.kind === 'restoring' || stage.kind === 'failed') && (
          <InspectionView inspection={stage.inspection} appSchema={appSchema} liveNow={liveNow} timeZone={timeZone} />
        )}
        {stage.kind === 'confirming' &&
          (stage.inspection.restorable ? (
            <ConfirmRestore onConfirm={restore.restore} onCancel={cancel} />
          ) : (
            <Problem
              ref={problem}
              title="This app cannot restore this backup"
              error={{ code: 'SCHEMA_TOO_NEW', message: stage.inspection.problem ?? 'Its format is not known.' }}
              unchanged
              onClose={cancel}
              testId="restore-failure"
            />
          ))}
        {stage.kind === 'restoring' && (
          <OperationProgress
            operation="restore"
            progress={operation.progress}
            onCancel={operation.cancel}
            testId="restore-progress"
          />
        )}
        {stage.kind === 'failed' && (
          <Problem
            ref={problem}
            {...restoreFailure(stage.error)}
            error={stage.error}
            onClose={cancel}
            testId="restore-failure"
          />
        )}
        {stage.kind === 'restored' && (
          <RestoredView
            summary={stage.summary}
            before={stage.before}
            after={liveNow}
            timeZone={timeZone}
            onDone={cancel}
          />
        )}
      </div>
    </section>
  );
}

type ProblemProps = {
  ref: Ref<HTMLDivElement>;
  title: string;
  error: AppError;
  unchanged: boolean;
  onClose: () => void;
  testId: string;
};

/** A refusal in the core's own words, and whether the journal is as it was. */
function Problem({ ref, title, error, unchanged, onClose, testId }: ProblemProps) {
  const saysSo = /not changed|nothing was changed/i.test(error.message);
  return (
    <div className="restore-problem" role="alert" ref={ref} tabIndex={-1} data-testid={testId}>
      <h3 className="restore-problem__title">{title}</h3>
      <p className="restore-problem__message">{error.message}</p>
      {unchanged && !saysSo && <p className="restore-problem__note">Your journal was not changed.</p>}
      {!unchanged && (
        <p className="restore-problem__note">Run the integrity checks below to see the state of the journal.</p>
      )}
      <div className="form__actions">
        <button type="button" className="button" onClick={onClose}>
          Choose another backup
        </button>
      </div>
    </div>
  );
}
