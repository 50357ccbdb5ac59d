import type { SaveState } from './use-trade-editor';

/** "Saving…", "Saved" or what went wrong, announced politely to screen readers. */
export function SaveStatus({ save, onRetry }: { save: SaveState; onRetry: () => void }) {
  const text =
    save.kind === 'saving'
      ? 'Saving…'
      : save.kind === 'saved'
        ? 'All changes saved'
        : save.kind === 'error'
          ? `Not saved: ${save.message}`
          : 'Changes save as you go';
  return (
    <>
      <span
        className={`save-status save-status--${save.kind}`}
        role="status"
        aria-live="polite"
        data-testid="save-state"
      >
        {text}
      </span>
      {save.kind === 'error' && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </>
  );
}
