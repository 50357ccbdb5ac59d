import { hrefOf, journalDayHref } from '../../app/routes';
import { formatDay } from '../../format/date';
import { addDays } from '../../format/zone-day';
import { useDraftText } from '../../state/use-draft-text';
import { DraftTextField } from '../../ui/DraftTextField';
import { LoadError } from '../../ui/LoadError';
import { Loading } from '../../ui/Loading';
import { NotesField } from '../trade-detail/NotesField';
import { RatingField } from '../trade-detail/RatingField';
import { SaveStatus } from '../trade-detail/SaveStatus';
import { usePageUndo } from '../trade-detail/use-page-undo';
import { hasWriting } from './day-fields';
import { DayTrades } from './DayTrades';
import { moods } from './excerpt';
import { useDayEntry, type DayEntryEditor } from './use-day-entry';

/** One trading day: its trades and P&L, and the day's notes, mood and market notes saved as the trader goes. */
export function JournalDayPage({ day }: { day: string }) {
  const editor = useDayEntry(day);
  usePageUndo(editor);
  return (
    <div className="journal-day" data-testid="journal-day">
      <header className="page-header">
        <div>
          <a className="link" href={hrefOf('journal')} data-testid="back-to-journal">
            ← Journal
          </a>
          <h1 data-testid="journal-day-title">{formatDay(day)}</h1>
          <p className="page-header__summary">
            <a className="link" href={journalDayHref(addDays(day, -1))} aria-label="Previous day">
              ← {formatDay(addDays(day, -1))}
            </a>
            {' · '}
            <a className="link" href={journalDayHref(addDays(day, 1))} aria-label="Next day">
              {formatDay(addDays(day, 1))} →
            </a>
          </p>
        </div>
        <div className="page-header__actions">
          <SaveStatus save={editor.save} onRetry={editor.retry} />
          <button type="button" className="button" onClick={editor.undo} disabled={!editor.canUndo}>
            Undo
          </button>
          <button type="button" className="button" onClick={editor.redo} disabled={!editor.canRedo}>
            Redo
          </button>
        </div>
      </header>
      <DayTrades day={day} />
      <DayEntryEditor editor={editor} />
    </div>
  );
}

function DayEntryEditor({ editor }: { editor: DayEntryEditor }) {
  const { values } = editor;
  const body = useDraftText(values?.body ?? '', (text) => editor.commit({ body: text }));
  if (editor.loadError !== null && values === null) {
    return (
      <LoadError
        what="The day's notes could not be opened"
        error={editor.loadError}
        onRetry={editor.reload}
        testId="day-entry-error"
      />
    );
  }
  if (values === null) return <Loading label="Opening the day's notes…" />;
  return (
    <div className="journal-day__entry" data-testid="day-entry">
      {!hasWriting(values) && (
        <p className="cell-muted" data-testid="day-entry-blank">
          Nothing written for this day yet. Start anywhere: it is saved as you go.
        </p>
      )}
      <section className="card card--padded journal-day__market">
        <RatingField
          value={values.mood}
          onChange={(mood) => editor.commit({ mood })}
          label="Mood"
          words={moods}
          unset="No mood set"
          testId="day-mood"
        />
        <DraftTextField
          label="Pre-market plan"
          value={values.preMarket}
          onCommit={(text) => editor.commit({ preMarket: text })}
          maxLength={100_000}
          placeholder="Levels, news, the setups you will and will not take."
          testId="day-pre-market"
        />
      </section>
      <NotesField
        notes={body.text}
        onType={body.type}
        onBlur={body.flush}
        title="Daily note"
        placeholder="How did the day go? Markdown works: **bold**, - lists, # headings."
      />
      <section className="card card--padded">
        <DraftTextField
          label="Post-market review"
          value={values.postMarket}
          onCommit={(text) => editor.commit({ postMarket: text })}
          maxLength={100_000}
          placeholder="What worked, what did not, what to repeat tomorrow."
          testId="day-post-market"
        />
      </section>
    </div>
  );
}
