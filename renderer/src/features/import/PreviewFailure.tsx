import type { AppError } from '../../../../shared/contract';
import { FormatSelect, type FormatPick } from './FilePreviewCard';
import type { PreviewProblem } from './preview-request';

type Props = {
  error: AppError;
  problem: PreviewProblem;
  pick: FormatPick;
  /** The file is a CSV whose columns the trader can map. */
  canMap: boolean;
  /** The files are still in memory, so they can be previewed again. */
  canRetry: boolean;
  onMap: () => void;
  onRetry: () => void;
  onCancel: () => void;
};

/** A preview the core refused, with the one step that gets the trader past it. */
export function PreviewFailure({ error, problem, pick, canMap, canRetry, onMap, onRetry, onCancel }: Props) {
  return (
    <section className="card failure" role="alert" data-testid="import-failure">
      <h2 className="failure__title">{title(problem)}</h2>
      <p className="failure__message">{withoutFileName(error.message, problem)}</p>
      {problem.kind === 'format' && (
        <div className="failure__choices">
          <FormatSelect pick={pick} detected={null} disabled={false} />
          {canMap && (
            <button type="button" className="button" onClick={onMap}>
              Map columns myself
            </button>
          )}
        </div>
      )}
      <div className="form__actions">
        {canRetry && (problem.kind === 'other' || problem.kind === 'commit') && (
          <button type="button" className="button button--primary" onClick={onRetry}>
            Try again
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function title(problem: PreviewProblem): string {
  switch (problem.kind) {
    case 'account':
      return 'Which account is this?';
    case 'format':
      return `${problem.fileName} was not recognised`;
    case 'commit':
      return 'Nothing was imported';
    case 'cancelled':
    case 'other':
      return 'The files could not be previewed';
  }
}

// The title already names the file the core's message starts with.
function withoutFileName(message: string, problem: PreviewProblem): string {
  if (problem.kind !== 'format' || !message.startsWith(`${problem.fileName}: `)) return message;
  const rest = message.slice(problem.fileName.length + 2);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
