import { useMemo, useState } from 'react';
import { BarChart } from './BarChart';
import { cellText } from './cell-text';
import { csvFileName, toCsv } from './csv';
import { downloadText } from './download';
import { csvOf, sortRows, type ReportTable, type Sort } from './report-tables';

/** One breakdown: a bar chart, a table sortable by any column, and "Export CSV" of the table as sorted. */
export function ReportTableView({ table, currency }: { table: ReportTable; currency: string }) {
  const [sort, setSort] = useState<Sort | null>(null);
  const rows = useMemo(() => sortRows(table.rows, table.columns, sort), [table, sort]);
  const chartKind = table.columns.find((c) => c.key === table.chart)?.kind ?? 'count';
  const onSort = (key: string) =>
    setSort((s) => (s?.key === key ? { key, descending: !s.descending } : { key, descending: key !== 'label' }));
  const exportCsv = () => {
    const { header, rows: cells } = csvOf(table, rows);
    downloadText(csvFileName(table.title, new Date()), toCsv(header, cells));
  };

  return (
    <section className="card report" aria-labelledby={`report-${table.id}`} data-testid={`report-${table.id}`}>
      <header className="card__header">
        <h2 id={`report-${table.id}`}>{table.title}</h2>
        <button
          type="button"
          className="button"
          onClick={exportCsv}
          disabled={rows.length === 0}
          data-testid="export-csv"
        >
          Export CSV
        </button>
      </header>
      {rows.length === 0 ? (
        <p className="card__body cell-muted" data-testid="report-empty">
          No closed trades match the filters, so this report is empty.
        </p>
      ) : (
        <>
          <div className="report__chart">
            <BarChart
              rows={rows}
              valueKey={table.chart}
              title={`${table.title}: ${table.columns.find((c) => c.key === table.chart)?.label ?? ''} per row`}
              text={(row) => cellText(row.cells[table.chart] ?? null, chartKind, currency)}
            />
          </div>
          <div className="table-wrap">
            <table className="table" data-testid="report-table">
              <caption className="visually-hidden">{table.title}</caption>
              <thead>
                <tr>
                  {table.columns.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      className={c.kind === 'text' ? undefined : 'num'}
                      aria-sort={sort?.key === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined}
                    >
                      <button type="button" className="sort-button" onClick={() => onSort(c.key)}>
                        {c.label}
                        {sort?.key === c.key ? (sort.descending ? ' ↓' : ' ↑') : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    {table.columns.map((c) => (
                      <td key={c.key} className={c.kind === 'text' ? undefined : 'num'} data-column={c.key}>
                        {cellText(row.cells[c.key] ?? null, c.kind, currency)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
