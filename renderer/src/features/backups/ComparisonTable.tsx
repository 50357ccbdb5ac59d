import type { ComparisonRow } from './inspection';

type Props = {
  rows: ComparisonRow[];
  caption: string;
  /** Column titles: before and after. */
  before: string;
  after: string;
  testId?: string;
};

const changeText: Record<ComparisonRow['change'], string> = {
  same: 'no change',
  more: '',
  fewer: '',
  'only-now': 'not in the backup',
  'only-backup': 'only in the backup',
};

function delta(row: ComparisonRow): string {
  if (row.change !== 'more' && row.change !== 'fewer') return changeText[row.change];
  const diff = (row.backup ?? 0) - (row.current ?? 0);
  return `${diff > 0 ? '+' : '−'}${new Intl.NumberFormat().format(Math.abs(diff))}`;
}

function count(value: number | null): string {
  return value === null ? '—' : new Intl.NumberFormat().format(value);
}

/** The raw count, with the live one (deleted rows left out) beside it when they differ. */
function Count({ raw, live }: { raw: number | null; live: number | null }) {
  if (raw === null || live === null || live === raw) return <>{count(raw)}</>;
  return (
    <>
      {count(raw)}{' '}
      <span className="muted" title="Rows shown in the app; the rest are deletions kept for sync">
        ({count(live)} live)
      </span>
    </>
  );
}

/** Rows per kind of data, now and in the backup (or before and after a restore). */
export function ComparisonTable({ rows, caption, before, after, testId }: Props) {
  return (
    <div className="table-wrap">
      <table className="table comparison" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Data</th>
            <th scope="col" className="num">
              {before}
            </th>
            <th scope="col" className="num">
              {after}
            </th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.table} className={`comparison__row--${row.change}`} data-testid="comparison-row">
              <th scope="row">{row.label}</th>
              <td className="num">
                <Count raw={row.current} live={row.currentLive} />
              </td>
              <td className="num">
                <Count raw={row.backup} live={row.backupLive} />
              </td>
              <td className="comparison__change">{delta(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
