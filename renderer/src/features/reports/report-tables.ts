import type { StatsResult } from '../../../../shared/contract';
import type { Bucket, RBin } from '../../../../shared/domain/stats';
import type { CsvCell } from './csv';

/** How a column's raw value is shown: the CSV keeps the raw value, the screen formats it. */
export type ColumnKind = 'text' | 'count' | 'money' | 'percent' | 'ratio' | 'r';
export type Column = { key: string; label: string; kind: ColumnKind };
export type Row = { id: string; cells: Record<string, CsvCell> };

export type ReportTable = {
  id: string;
  title: string;
  columns: Column[];
  rows: Row[];
  /** The column the bar chart draws. */
  chart: string;
};

/** Names for ids in the breakdowns; an id no longer known is shown as "(deleted)". */
export type Lookups = { tagName: (id: string) => string | undefined; playbookName: (id: string) => string | undefined };

const bucketColumns = (label: string): Column[] => [
  { key: 'label', label, kind: 'text' },
  { key: 'trades', label: 'Trades', kind: 'count' },
  { key: 'wins', label: 'Wins', kind: 'count' },
  { key: 'losses', label: 'Losses', kind: 'count' },
  { key: 'winRate', label: 'Win rate', kind: 'percent' },
  { key: 'netPnl', label: 'Net P&L', kind: 'money' },
  { key: 'avgR', label: 'Avg R', kind: 'r' },
  { key: 'profitFactor', label: 'Profit factor', kind: 'ratio' },
];

function bucketTable<K>(id: string, title: string, label: string, buckets: Bucket<K>[], name: (key: K) => string) {
  const rows = buckets.map((b) => ({
    id: String(b.key),
    cells: {
      label: name(b.key),
      trades: b.trades,
      wins: b.wins,
      losses: b.losses,
      winRate: b.winRate,
      netPnl: b.netPnl,
      avgR: b.avgR,
      profitFactor: b.profitFactor,
    },
  }));
  return { id, title, columns: bucketColumns(label), rows, chart: 'netPnl' };
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const HOLDING: Record<string, string> = {
  '<1m': 'Under 1 minute',
  '1m-5m': '1–5 minutes',
  '5m-15m': '5–15 minutes',
  '15m-1h': '15 minutes – 1 hour',
  '1h-4h': '1–4 hours',
  '4h-1d': '4 hours – 1 day',
  '>=1d': '1 day or more',
};

/** An R bin as words: "below -3 R", "-0.5 to 0 R", "3 R and above". */
export function rBinLabel(bin: RBin): string {
  if (bin.from === null) return `below ${bin.to ?? 0} R`;
  if (bin.to === null) return `${bin.from} R and above`;
  return `${bin.from} to ${bin.to} R`;
}

/** Every breakdown and series of the stats as a table, in the order the Reports page shows them. */
export function reportTables(stats: StatsResult, lookups: Lookups): ReportTable[] {
  const b = stats.breakdowns;
  const named = (find: (id: string) => string | undefined, none: string) => (key: string | null) =>
    key === null ? none : (find(key) ?? '(deleted)');
  return [
    bucketTable('playbook', 'By playbook', 'Playbook', b.playbook, named(lookups.playbookName, 'No playbook')),
    bucketTable('tag', 'By tag', 'Tag', b.tag, named(lookups.tagName, 'Untagged')),
    bucketTable('symbol', 'By symbol', 'Symbol', b.symbol, (k) => k),
    bucketTable('side', 'By side', 'Side', b.side, (k) => (k === 'long' ? 'Long' : 'Short')),
    bucketTable('weekday', 'By weekday', 'Weekday', b.weekday, (k) => WEEKDAYS[k - 1] ?? String(k)),
    bucketTable('hour', 'By hour of day', 'Hour opened', b.hour, (k) => `${String(k).padStart(2, '0')}:00`),
    bucketTable('holding', 'By holding time', 'Held', b.holdingTime, (k) => HOLDING[k] ?? k),
    bucketTable('month', 'By month', 'Month closed', b.month, (k) => k),
    {
      id: 'daily',
      title: 'P&L per day',
      columns: [
        { key: 'label', label: 'Day', kind: 'text' },
        { key: 'trades', label: 'Trades', kind: 'count' },
        { key: 'netPnl', label: 'Net P&L', kind: 'money' },
      ],
      rows: stats.series.daily.map((d) => ({ id: d.day, cells: { label: d.day, trades: d.trades, netPnl: d.netPnl } })),
      chart: 'netPnl',
    },
    {
      id: 'r-multiple',
      title: 'R-multiple histogram',
      columns: [
        { key: 'label', label: 'R multiple', kind: 'text' },
        { key: 'from', label: 'From R', kind: 'ratio' },
        { key: 'to', label: 'To R', kind: 'ratio' },
        { key: 'trades', label: 'Trades', kind: 'count' },
      ],
      rows: stats.series.rHistogram.map((bin, i) => ({
        id: String(i),
        cells: { label: rBinLabel(bin), from: bin.from, to: bin.to, trades: bin.trades },
      })),
      chart: 'trades',
    },
  ];
}

export type Sort = { key: string; descending: boolean };

/** A cell as a number for sorting and charts (decimal strings included); null when it has none. */
export function numericOf(cell: CsvCell): number | null {
  if (cell === null) return null;
  const n = typeof cell === 'number' ? cell : Number(cell);
  return Number.isFinite(n) && (typeof cell === 'number' || cell.trim() !== '') ? n : null;
}

/** The rows sorted by one column; n/a always sorts last, whichever the direction. */
export function sortRows(rows: readonly Row[], columns: readonly Column[], sort: Sort | null): Row[] {
  if (sort === null) return [...rows];
  const kind = columns.find((c) => c.key === sort.key)?.kind ?? 'text';
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a.cells[sort.key] ?? null;
    const y = b.cells[sort.key] ?? null;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (kind === 'text') return sign * String(x).localeCompare(String(y));
    return sign * ((numericOf(x) ?? 0) - (numericOf(y) ?? 0));
  });
}

/** The table as the CSV export writes it: column labels, then raw cells. */
export function csvOf(table: ReportTable, rows: readonly Row[]): { header: string[]; rows: CsvCell[][] } {
  return {
    header: table.columns.map((c) => c.label),
    rows: rows.map((r) => table.columns.map((c) => r.cells[c.key] ?? null)),
  };
}
