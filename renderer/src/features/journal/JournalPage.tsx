import { useMemo, useState } from 'react';
import { journalDayHref } from '../../app/routes';
import { useJournalDay } from '../../app/use-route';
import { countText } from '../../format/status';
import { useRemote } from '../../state/use-remote';
import { LoadError } from '../../ui/LoadError';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { initialMonth, monthTitle, type Month } from '../dashboard/calendar';
import { PnlCalendar } from '../dashboard/PnlCalendar';
import { DayEntryCard } from './DayEntryCard';
import { JournalDayPage } from './JournalDayPage';

const STATS_SOURCES = ['trades', 'trade_tags', 'executions', 'settings'] as const;

/** The journal: a month calendar coloured by P&L and the day entries; `#/journal/<day>` opens one day. */
export function JournalPage() {
  const day = useJournalDay();
  if (day !== null) return <JournalDayPage key={day} day={day} />;
  return <JournalOverview />;
}

function JournalOverview() {
  const entries = useRemote('journal.list', { kind: 'day' }, ['journal_entries']);
  const stats = useRemote('stats.get', { filter: {} }, STATS_SOURCES);
  const [pickedMonth, setPickedMonth] = useState<Month | null>(null);
  const days = useMemo(
    () => [...(entries.value ?? [])].sort((a, b) => (b.day ?? '').localeCompare(a.day ?? '')),
    [entries.value],
  );
  const noted = useMemo(() => new Set(days.flatMap((e) => (e.day ? [e.day] : []))), [days]);
  const daily = stats.value?.series.daily ?? [];
  const month = pickedMonth ?? initialMonth(daily, new Date());
  const inMonth = days.filter((e) => e.day?.startsWith(month));
  const title = monthTitle(month);

  return (
    <>
      <PageHeader
        title="Journal"
        summary={entries.value ? countText(days.length, 'day entry', 'day entries') : undefined}
      />
      {stats.value === undefined ? (
        stats.error && !stats.loading ? (
          <LoadError
            what="The calendar could not be worked out"
            error={stats.error}
            onRetry={stats.reload}
            testId="journal-calendar-error"
          />
        ) : (
          <Loading label="Working out the calendar…" />
        )
      ) : (
        <div className="journal-calendar">
          <PnlCalendar
            month={month}
            daily={daily}
            currency={stats.value.currency}
            onMonth={setPickedMonth}
            onDay={(d) => {
              window.location.hash = journalDayHref(d);
            }}
            dayAction="Open this day in the journal."
            openEveryDay
            noted={noted}
          />
        </div>
      )}
      <h2 className="journal__heading">Day entries in {title}</h2>
      {entries.value === undefined ? (
        entries.loading ? (
          <Loading label="Loading journal entries…" />
        ) : (
          <LoadError what="The journal entries could not be loaded" error={entries.error} onRetry={entries.reload} />
        )
      ) : inMonth.length === 0 ? (
        <p className="card card--padded cell-muted" data-testid="journal-empty">
          {days.length === 0 ? 'No day entries yet.' : `No day entries in ${title}.`} Pick a day in the calendar to
          write its plan, review and lessons.
        </p>
      ) : (
        <div className="entries">
          {inMonth.map((entry) => (
            <DayEntryCard key={entry.id} entry={entry} />
          ))}
        </div>
      )}
    </>
  );
}
