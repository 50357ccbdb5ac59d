import { useMemo, useState } from 'react';
import { tradesOnDayHref } from '../../app/routes';
import { useJournal, useTimeZone } from '../../state/journal-store';
import { useRemote } from '../../state/use-remote';
import { EmptyJournal } from '../../ui/EmptyJournal';
import { LoadError } from '../../ui/LoadError';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { emptyFilterForm, toTradeFilter, type FilterForm } from '../trades/filter-form';
import { TradeFilterBar } from '../trades/TradeFilterBar';
import { initialMonth, type Month } from './calendar';
import { EquityChart } from './EquityChart';
import { KeyFigures } from './KeyFigures';
import { PnlCalendar } from './PnlCalendar';
import { RecentTrades } from './RecentTrades';
import { SyncCard } from './SyncCard';

/** What changes a dashboard figure: trades, their tags, fills, and the base currency or time zone. */
const STATS_SOURCES = ['trades', 'trade_tags', 'executions', 'settings'] as const;

/** The journal at a glance: key figures, equity, the P&L calendar, recent trades, backups. */
export function DashboardPage() {
  const status = useJournal((s) => s.status);
  const ready = useJournal((s) => s.ready);
  if (!ready) return <Loading label="Opening the journal…" />;
  if (status?.counts.trades === 0) {
    return (
      <>
        <PageHeader title="Dashboard" summary="Your journal on this computer." />
        {/* Zeros and n/a say nothing on a first run; the invitation is the whole page. */}
        <EmptyJournal />
      </>
    );
  }
  return <Analytics />;
}

function Analytics() {
  const status = useJournal((s) => s.status);
  const timeZone = useTimeZone();
  const [form, setForm] = useState<FilterForm>(emptyFilterForm);
  // null: follow the data to its latest month until the trader picks one.
  const [pickedMonth, setPickedMonth] = useState<Month | null>(null);
  const filter = useMemo(() => toTradeFilter(form, timeZone), [form, timeZone]);
  const stats = useRemote('stats.get', { filter }, STATS_SOURCES);
  const value = stats.value;
  const month = pickedMonth ?? initialMonth(value?.series.daily ?? [], new Date());

  const summary = value && (
    <span data-testid="stats-summary">
      {stats.loading ? 'Updating… ' : ''}
      Figures in {value.currency}, days in {value.timeZone}
      {value.unconverted > 0 && ` · ${value.unconverted} trades left out: no exchange rate to ${value.currency}`}
    </span>
  );

  return (
    <>
      <PageHeader title="Dashboard" summary={summary} />
      <TradeFilterBar value={form} onChange={setForm} />
      {value === undefined ? (
        stats.error && !stats.loading ? (
          <LoadError
            what="The figures could not be worked out"
            error={stats.error}
            onRetry={stats.reload}
            testId="stats-error"
          />
        ) : (
          <Loading label="Working out the figures…" />
        )
      ) : (
        <div className="dashboard" aria-busy={stats.loading}>
          {value.summary.closedTrades + value.summary.openTrades === 0 && (
            <p className="card card--padded" data-testid="stats-no-match">
              No trades match these filters. Every figure below is n/a until some do.
            </p>
          )}
          <KeyFigures stats={value} />
          <div className="dashboard-charts">
            <EquityChart stats={value} />
            <PnlCalendar
              month={month}
              daily={value.series.daily}
              currency={value.currency}
              onMonth={setPickedMonth}
              onDay={(day) => {
                window.location.hash = tradesOnDayHref(day);
              }}
            />
          </div>
          <div className="dashboard-grid">
            <RecentTrades filter={filter} />
            {status && <SyncCard status={status} />}
          </div>
        </div>
      )}
    </>
  );
}
