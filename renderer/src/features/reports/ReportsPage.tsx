import { useMemo, useState } from 'react';
import type { StatsResult } from '../../../../shared/contract';
import { useJournal, useTimeZone } from '../../state/journal-store';
import { useRemote } from '../../state/use-remote';
import { EmptyJournal } from '../../ui/EmptyJournal';
import { LoadError } from '../../ui/LoadError';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { Tabs } from '../../ui/Tabs';
import { EquityChart } from '../dashboard/EquityChart';
import { emptyFilterForm, toTradeFilter, type FilterForm } from '../trades/filter-form';
import { TradeFilterBar } from '../trades/TradeFilterBar';
import { reportTables, type Lookups } from './report-tables';
import { ReportTableView } from './ReportTableView';

const STATS_SOURCES = ['trades', 'trade_tags', 'executions', 'settings', 'playbooks', 'tags'] as const;

/** Every breakdown of the filtered trades as a chart and a table, each exportable as CSV. */
export function ReportsPage() {
  const status = useJournal((s) => s.status);
  const ready = useJournal((s) => s.ready);
  if (!ready) return <Loading label="Opening the journal…" />;
  if (status?.counts.trades === 0) {
    return (
      <>
        <PageHeader title="Reports" summary="Breakdowns of your trades, once there are some." />
        <EmptyJournal />
      </>
    );
  }
  return <Reports />;
}

function Reports() {
  const timeZone = useTimeZone();
  const [form, setForm] = useState<FilterForm>(emptyFilterForm);
  const [tab, setTab] = useState('playbook');
  const filter = useMemo(() => toTradeFilter(form, timeZone), [form, timeZone]);
  const stats = useRemote('stats.get', { filter }, STATS_SOURCES);
  const value = stats.value;

  return (
    <>
      <PageHeader
        title="Reports"
        summary={
          value && (
            <span data-testid="stats-summary">
              {stats.loading ? 'Updating… ' : ''}
              {value.summary.closedTrades} closed trades · figures in {value.currency}, days and hours in{' '}
              {value.timeZone}
              {value.unconverted > 0 && ` · ${value.unconverted} trades left out: no exchange rate`}
            </span>
          )
        }
      />
      <TradeFilterBar value={form} onChange={setForm} />
      {value === undefined ? (
        stats.error && !stats.loading ? (
          <LoadError
            what="The reports could not be worked out"
            error={stats.error}
            onRetry={stats.reload}
            testId="stats-error"
          />
        ) : (
          <Loading label="Working out the reports…" />
        )
      ) : (
        <ReportTabs stats={value} tab={tab} onTab={setTab} busy={stats.loading} />
      )}
    </>
  );
}

/** "By hour of day" → "Hour of day". */
function tabLabel(title: string): string {
  const words = title.replace(/^By /, '');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function ReportTabs({
  stats,
  tab,
  onTab,
  busy,
}: {
  stats: StatsResult;
  tab: string;
  onTab: (t: string) => void;
  busy: boolean;
}) {
  const tags = useJournal((s) => s.tags);
  const playbooks = useRemote('playbooks.list', { includeArchived: true }, ['playbooks']);
  const lookups = useMemo<Lookups>(() => {
    const tagNames = new Map(tags.map((t) => [t.id, t.name]));
    const playbookNames = new Map((playbooks.value ?? []).map((p) => [p.id, p.name]));
    return { tagName: (id) => tagNames.get(id), playbookName: (id) => playbookNames.get(id) };
  }, [tags, playbooks.value]);
  const tables = useMemo(() => reportTables(stats, lookups), [stats, lookups]);
  const items = [
    ...tables.map((t) => ({ id: t.id, label: tabLabel(t.title) })),
    { id: 'equity', label: 'Equity curve' },
  ];
  const table = tables.find((t) => t.id === tab);

  return (
    <div className="reports" aria-busy={busy}>
      {stats.summary.closedTrades + stats.summary.openTrades === 0 && (
        <p className="card card--padded" data-testid="stats-no-match">
          No trades match these filters. Every report below is empty or n/a until some do.
        </p>
      )}
      <Tabs tabs={items} current={tab} onChange={onTab} label="Reports" idPrefix="reports" />
      <div
        role="tabpanel"
        id={`reports-panel-${tab}`}
        aria-labelledby={`reports-tab-${tab}`}
        className="reports__panel"
      >
        {table ? (
          <ReportTableView key={table.id} table={table} currency={stats.currency} />
        ) : (
          <EquityChart stats={stats} />
        )}
      </div>
    </div>
  );
}
