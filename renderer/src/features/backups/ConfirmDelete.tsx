import { useRef } from 'react';
import type { BackupInfo } from '../../../../shared/contract/backups';
import { formatDateTime } from '../../format/date';
import { baseName } from './paths';
import { useEscape } from './use-escape';

type Props = {
  backup: BackupInfo;
  timeZone: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** The step before deleting a backup: what goes, that it cannot come back, and two clear buttons. */
export function ConfirmDelete({ backup, timeZone, busy, onConfirm, onCancel }: Props) {
  const scope = useRef<HTMLDivElement>(null);
  useEscape(!busy, onCancel, scope);
  return (
    <div className="card__body confirm-delete" role="alertdialog" aria-labelledby="confirm-delete-text" ref={scope}>
      <p id="confirm-delete-text" data-testid="backup-delete-confirm">
        Delete the backup of {formatDateTime(backup.createdAt, timeZone)} ({baseName(backup.file)})? The file is removed
        from the disk and cannot be restored afterwards.
      </p>
      <div className="confirm-restore__row">
        <button
          type="button"
          className="button button--danger"
          // The deliberate choice gets focus; Escape or "Keep it" backs out.
          autoFocus
          disabled={busy}
          onClick={onConfirm}
          data-testid="backup-delete-yes"
        >
          Delete this backup
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
