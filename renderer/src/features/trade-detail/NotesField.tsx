import { useState } from 'react';
import { renderMarkdown } from './markdown';

type Props = { notes: string; onType: (text: string) => void; onBlur: () => void };

/** Markdown notes: a plain text box, and a preview rendered as React text (never as HTML). */
export function NotesField({ notes, onType, onBlur }: Props) {
  const [preview, setPreview] = useState(false);
  return (
    <section className="card" aria-labelledby="notes-title">
      <header className="card__header">
        <h2 id="notes-title">Notes</h2>
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
            aria-labelledby="notes-title"
            value={notes}
            rows={10}
            maxLength={200_000}
            placeholder="What was the plan, what happened, what will you do next time? Markdown works: **bold**, - lists, # headings."
            data-testid="notes-input"
            onChange={(e) => onType(e.target.value)}
            onBlur={onBlur}
          />
        )}
      </div>
    </section>
  );
}
