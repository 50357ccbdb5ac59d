import type { BackupInspection } from '../../../../shared/contract/backups';
import type { AppStatus } from '../../../../shared/domain/types';
import { formatDateTime } from '../../format/date';
import { ComparisonTable } from './ComparisonTable';
import { liveNowText, schemaText, summariseInspection } from './inspection';
import { exactBytes, formatBytes } from './sizes';

type Props = {
  inspection: BackupInspection;
  appSchema: number | null;
  /** What the journal shows now (deleted rows left out), from the status. */
  liveNow: AppStatus['counts'] | null;
  timeZone: string;
};

/** What a restore would replace: the backup's facts and its counts beside the journal's. */
export function InspectionView({ inspection, appSchema, liveNow, timeZone }: Props) {
  const summary = summariseInspection(inspection);
  return (
    <div className="inspection" data-testid="restore-inspection">
      <div>
        <p className="inspection__headline" data-testid="restore-headline">
          Restoring returns the journal to how it was on {formatDateTime(inspection.createdAt, timeZone)}.
        </p>
        <p className="inspection__lead">
          {liveNow !== null && <span data-testid="restore-live-now">{liveNowText(liveNow)} </span>}
          Everything added, changed or deleted since the backup is replaced.
        </p>
      </div>
      <dl className="inspection__facts">
        <div>
          <dt>Made by</dt>
          <dd>
            Trading Path Journal {inspection.appVersion}, journal schema{' '}
            {schemaText(inspection.schemaVersion, appSchema)}
          </dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd title={exactBytes(inspection.size)}>
            {formatBytes(inspection.size)}, {inspection.attachments} attachment
            {inspection.attachments === 1 ? '' : 's'}
            {inspection.includesEmbeddings ? ', with the embedding cache' : ''}
          </dd>
        </div>
        <div>
          <dt>Made on device</dt>
          <dd className="inspection__mono">{inspection.deviceId}</dd>
        </div>
        <div>
          <dt>File</dt>
          <dd className="inspection__mono">{inspection.file}</dd>
        </div>
      </dl>
      <ComparisonTable
        rows={summary.main}
        caption="Rows stored now and in the backup"
        before="Stored now"
        after="In the backup"
        testId="restore-comparison"
      />
      <p className="inspection__note">
        Stored rows include deleted ones, which the journal keeps so a deletion can sync: a trade deleted since the
        backup counts on both sides.
      </p>
      {summary.other.length > 0 && (
        <details className="inspection__other">
          <summary>Bookkeeping tables ({summary.other.length})</summary>
          <ComparisonTable
            rows={summary.other}
            caption="Bookkeeping tables now and in the backup"
            before="Stored now"
            after="In the backup"
          />
        </details>
      )}
    </div>
  );
}
