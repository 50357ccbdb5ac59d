import { useId, useState } from 'react';
import { renderMarkdown } from './markdown';

type Props = {
  notes: string;
  onType: (text: string) => void;
  onBlur: () => void;
  /** The card's heading ("Notes" on a trade, "Daily note" on a journal day). */
  title?: string;
  placeholder?: string;
};

const TRADE_PLACEHOLDER =
  'What was the plan, what happened, what will you do next time? Markdown works: **bold**, - lists, # headings.';

/** Markdown notes: a plain text box, and a preview rendered as React text (never as HTML). */
export function NotesField({ notes, onType, onBlur, title = 'Notes', placeholder = TRADE_PLACEHOLDER }: Props) {
  const [preview, setPreview] = useState(false);
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card__header">
        <h2 id={titleId}>{title}</h2>
        <div className="notes-tabs" role="group" aria-label="Notes view">
          <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
            Write
          </button>
          <button type="button" aria-pressed={preview} onClick={() => setPreview(true)} data-testid="notes-preview-tab">
            Preview
          </button>
        </div>
      </header>
      <div className="card__body">
        {preview ? (
          <div className="markdown" data-testid="notes-preview">
            {notes.trim() === '' ? <p className="cell-muted">No notes yet.</p> : renderMarkdown(notes)}
          </div>
        ) : (
          <textarea
            className="notes-input"
            aria-labelledby={titleId}
            value={notes}
            rows={10}
            maxLength={200_000}
            placeholder={placeholder}
            data-testid="notes-input"
            onChange={(e) => onType(e.target.value)}
            onBlur={onBlur}
          />
        )}
      </div>
    </section>
  );
}
