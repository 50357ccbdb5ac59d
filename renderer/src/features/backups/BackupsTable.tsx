import type { BackupInfo } from '../../../../shared/contract/backups';
import { formatDate, formatDateTime, formatTime } from '../../format/date';
import { newestFirst } from './backup-list';
import { baseName, folderOf } from './paths';
import { exactBytes, formatBytes } from './sizes';

type Props = {
  backups: BackupInfo[];
  timeZone: string;
  /** The backup just made, marked in the list. */
  fresh: string | null;
  /** Restoring is offered only while nothing else runs. */
  busy: boolean;
  onRestore: (file: string) => void;
  /** Asks for confirmation first. */
  onDelete: (file: string) => void;
};

const locations: Record<BackupInfo['location'], string> = {
  journal: 'Journal folder',
  export: 'Export folder',
};

/** Every backup in the journal's folder and the export folder, newest first. */
export function BackupsTable({ backups, timeZone, fresh, busy, onRestore, onDelete }: Props) {
  return (
    <div className="table-wrap">
      <table className="table backups-table" data-testid="backups-table">
        <caption className="visually-hidden">Backups, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Made</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Checked</th>
            <th scope="col">Folder</th>
            <th scope="col">
              <span className="visually-hidden">Restore or delete</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst(backups).map((b) => (
            <tr
              key={b.file}
              className={b.file === fresh ? 'backups-table__row--fresh' : undefined}
              data-testid="backup-row"
            >
              <td>
                <span className="cell-when__date">{formatDate(b.createdAt, timeZone)}</span>
                <span className="cell-when__time">{formatTime(b.createdAt, timeZone)}</span>
              </td>
              <td className="num" title={exactBytes(b.size)}>
                {formatBytes(b.size)}
              </td>
              <td>
                <VerifiedBadge backup={b} timeZone={timeZone} />
              </td>
              <td className="backups-table__folder">
                <span className="backups-table__location">{locations[b.location]}</span>
                <span className="backups-table__path" title={b.file}>
                  {folderOf(b.file)}
                </span>
              </td>
              <td className="backups-table__actions">
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy}
                  aria-label={`Restore the backup of ${formatDateTime(b.createdAt, timeZone)} (${baseName(b.file)})`}
                  onClick={() => onRestore(b.file)}
                >
                  Restore…
                </button>
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={busy}
                  aria-label={`Delete the backup of ${formatDateTime(b.createdAt, timeZone)} (${baseName(b.file)})`}
                  onClick={() => onDelete(b.file)}
                  data-testid="backup-delete"
                >
                  Delete…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VerifiedBadge({ backup, timeZone }: { backup: BackupInfo; timeZone: string }) {
  if (backup.verified && backup.verifiedAt !== null) {
    return (
      <span
        className="state-badge state-badge--pass"
        title={`Read back and matched its checksums on ${formatDateTime(backup.verifiedAt, timeZone)}`}
        data-testid="backup-verified"
      >
        Verified
      </span>
    );
  }
  return (
    <span
      className="state-badge state-badge--none"
      title="Not checked by this journal (made elsewhere or copied in by hand). A restore checks every byte first."
    >
      Not verified
    </span>
  );
}
