import type { Ref } from 'react';
import type { ImportPreview } from '../../../../shared/contract';
import { countText } from '../../format/status';
import { executionsText, progressPercent, progressText } from './choices';
import { ProgressBar } from './ProgressBar';
import type { ImportProgress } from './use-file-import';

type Props = {
  preview: ImportPreview;
  committing: boolean;
  progress: ImportProgress | null;
  onCommit: (skipInvalid: boolean) => void;
  onCancel: () => void;
  commitRef: Ref<HTMLButtonElement>;
};

/** What the import will do, in one sentence, and the buttons to do it or not. */
export function PreviewDecision({ preview, committing, progress, onCommit, onCancel, commitRef }: Props) {
  const { totals } = preview;
  const hasErrors = totals.errors > 0;
  const nothingNew = totals.new === 0;
  return (
    <section className="card decision" aria-labelledby="import-decision-title" data-testid="import-decision">
      <div className="decision__text">
        <h2 id="import-decision-title" data-testid="import-totals">
          {nothingNew
            ? `Nothing new: ${countText(totals.duplicate, 'execution')} already in the journal`
            : `${executionsText(totals.new, 'new')}, ${totals.duplicate} already in the journal`}
        </h2>
        <p className="decision__detail">
          {countText(preview.files.length, 'file')} · {countText(totals.executions, 'execution')} read ·{' '}
          {totals.ignored} ignored · {countText(totals.errors, 'error')} · {countText(totals.warnings, 'warning')}
        </p>
        {hasErrors && (
          <p className="decision__warning" role="alert">
            {countText(totals.errors, 'row')} could not be read (listed below).{' '}
            {nothingNew
              ? 'Every row that could be read is already in the journal.'
              : `You can import the ${countText(totals.executions, 'valid row')} and leave them out, or cancel and fix the file.`}
          </p>
        )}
      </div>
      {committing ? (
        <ProgressBar label={progressText(progress, 'Importing')} percent={progressPercent(progress)} />
      ) : (
        <div className="decision__actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          {hasErrors && !nothingNew ? (
            <button type="button" className="button button--primary" ref={commitRef} onClick={() => onCommit(true)}>
              Import the {countText(totals.executions, 'valid row')}
            </button>
          ) : (
            <button
              type="button"
              className="button button--primary"
              ref={commitRef}
              disabled={nothingNew}
              onClick={() => onCommit(false)}
            >
              {nothingNew ? 'Nothing to import' : `Import ${executionsText(totals.new, 'new')}`}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
