import type { BackupOperation, BackupProgress } from '../../../../shared/contract/backups';
import { progressPercent, progressText } from './progress';

type Props = {
  operation: BackupOperation;
  progress: BackupProgress | null;
  onCancel: () => void;
  testId: string;
};

/** A running backup, restore or check: its phase, a bar, and the way to stop it. */
export function OperationProgress({ operation, progress, onCancel, testId }: Props) {
  const label = progressText(operation, progress);
  const percent = progressPercent(progress?.operation === operation ? progress : null);
  return (
    <div className="op-progress" data-testid={testId}>
      <div className="progress">
        <div className="progress__label" role="status" aria-live="polite">
          {label}
        </div>
        <div
          className={`progress__track${percent === null ? ' progress__track--busy' : ''}`}
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
        >
          <div className="progress__fill" style={percent === null ? undefined : { width: `${percent}%` }} />
        </div>
      </div>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
