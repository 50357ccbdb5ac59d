import type { JournalEntry } from '../../../../shared/domain/types';
import { journalDayHref } from '../../app/routes';
import { formatDay } from '../../format/date';
import { Chips } from '../../ui/Chips';
import { excerpt, moodWord } from './excerpt';

/** One trading day's entry: the day, its title, mood and a preview of the notes. */
export function DayEntryCard({ entry }: { entry: JournalEntry }) {
  const preview = excerpt(entry.body || entry.postMarket || entry.preMarket);
  const labels = [
    ...entry.emotions.map((e) => ({ key: `e-${e}`, label: e })),
    ...entry.mistakes.map((m) => ({ key: `m-${m}`, label: m, color: 'var(--loss)' })),
  ];
  return (
    <article className="card entry" data-testid="journal-entry">
      <header className="entry__header">
        <h2 className="entry__day">
          {entry.day ? (
            <a className="link" href={journalDayHref(entry.day)}>
              {formatDay(entry.day)}
            </a>
          ) : (
            'Undated'
          )}
        </h2>
        {entry.mood !== null && <span className={`mood mood--${entry.mood}`}>{moodWord(entry.mood)}</span>}
      </header>
      {entry.title && <p className="entry__title">{entry.title}</p>}
      {preview ? (
        <p className="entry__preview">{preview}</p>
      ) : (
        <p className="entry__preview cell-muted">No notes written.</p>
      )}
      <Chips items={labels} />
    </article>
  );
}
