import { countText } from '../../format/status';
import { useRemote } from '../../state/use-remote';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { DayEntryCard } from './DayEntryCard';

/** Day entries, newest day first. Writing and editing entries come with the editor. */
export function JournalPage() {
  const entries = useRemote('journal.list', { kind: 'day' }, ['journal_entries']);
  const days = [...(entries.value ?? [])].sort((a, b) => (b.day ?? '').localeCompare(a.day ?? ''));
  return (
    <>
      <PageHeader
        title="Journal"
        summary={entries.value ? countText(days.length, 'day entry', 'day entries') : undefined}
      />
      {entries.value === undefined ? (
        entries.loading ? (
          <Loading label="Loading journal entries…" />
        ) : (
          <p className="card card--padded cell-muted">The journal entries could not be loaded.</p>
        )
      ) : days.length === 0 ? (
        <p className="card card--padded cell-muted">
          No day entries yet. Each trading day gets its own page for your plan, review and lessons.
        </p>
      ) : (
        <div className="entries">
          {days.map((entry) => (
            <DayEntryCard key={entry.id} entry={entry} />
          ))}
        </div>
      )}
    </>
  );
}
