import { useEffect, useRef } from 'react';
import type { RestoreSummary } from '../../../../shared/contract/backups';
import type { AppStatus } from '../../../../shared/domain/types';
import { hrefOf } from '../../app/routes';
import { formatDateTime } from '../../format/date';
import { ComparisonTable } from './ComparisonTable';
import { liveComparison } from './inspection';
import { baseName } from './paths';

type LiveCounts = AppStatus['counts'];

type Props = {
  summary: RestoreSummary;
  /** What the journal showed before and shows now (deleted rows left out). */
  before: LiveCounts | null;
  after: LiveCounts | null;
  timeZone: string;
  onDone: () => void;
};

/** What a restore did, with the way back (the safety copy). */
export function RestoredView({ summary, before, after, timeZone, onDone }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Stored rows include deleted ones, so a restored deletion would not show; the live counts do.
  const rows = before !== null && after !== null ? liveComparison(before, after) : [];

  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="restored" data-testid="restore-result">
      <h3 className="restored__title" ref={heading} tabIndex={-1}>
        Journal restored from {baseName(summary.file)}
      </h3>
      <dl className="facts restored__facts">
        <div className="facts__row">
          <dt>Restored at</dt>
          <dd>{formatDateTime(summary.restoredAt, timeZone)}</dd>
        </div>
        <div className="facts__row">
          <dt>New device id</dt>
          <dd data-testid="restore-device">{summary.deviceId}</dd>
        </div>
        <div className="facts__row">
          <dt>Previous device id</dt>
          <dd>{summary.previousDeviceId}</dd>
        </div>
        <div className="facts__row">
          <dt>Safety copy of the journal before the restore</dt>
          <dd data-testid="restore-safety-copy">{summary.safetyCopy}</dd>
        </div>
        <div className="facts__row">
          <dt>Attachment files copied</dt>
          <dd>{summary.attachmentsCopied}</dd>
        </div>
      </dl>
      {rows.length > 0 && (
        <ComparisonTable
          rows={rows}
          caption="What the journal showed before the restore and shows now"
          before="Before"
          after="Now"
          testId="restore-live-comparison"
        />
      )}
      <p className="restored__note">
        To undo the restore, quit the app and put the safety copy in place of journal.sqlite in the journal folder.
      </p>
      <div className="form__actions">
        <a className="button button--primary" href={hrefOf('trades')}>
          See the trades
        </a>
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
