import type { ImportBatch } from '../../../../shared/contract';
import { formatDateTime } from '../../format/date';
import { useTimeZone } from '../../state/journal-store';
import type { Remote } from '../../state/use-remote';
import { Loading } from '../../ui/Loading';

// Batches written by something other than a file reader.
const otherFormats: Record<string, string> = {
  manual: 'Typed by hand',
  'generic-csv-custom': 'CSV with a column mapping',
};

/** Every import into this journal, newest first. */
export function ImportHistory({
  history,
  formatLabel,
}: {
  history: Remote<ImportBatch[]>;
  formatLabel: (id: string) => string;
}) {
  const timeZone = useTimeZone();
  const batches = history.value ?? [];
  const label = (id: string) => otherFormats[id] ?? formatLabel(id);
  return (
    <section className="card" aria-labelledby="import-history-title" data-testid="import-history">
      <header className="card__header">
        <h2 id="import-history-title">Import history</h2>
      </header>
      {history.loading && history.value === undefined ? (
        <Loading label="Loading the import history…" />
      ) : history.error && history.value === undefined ? (
        <p className="card__body">The import history could not be loaded: {history.error.message}</p>
      ) : batches.length === 0 ? (
        <p className="card__body cell-muted">No imports yet. What you import or add by hand is listed here.</p>
      ) : (
        <div className="table-wrap history">
          <table className="table">
            <caption className="visually-hidden">Imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Files</th>
                <th scope="col">Format</th>
                <th scope="col" className="num">
                  New executions
                </th>
                <th scope="col" className="num">
                  Duplicates
                </th>
                <th scope="col" className="num">
                  Errors
                </th>
                <th scope="col" className="num">
                  Trades created
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} data-testid="history-row">
                  <td>{formatDateTime(b.createdAt, timeZone)}</td>
                  <td className="history__files">{b.files.join(', ')}</td>
                  <td className="history__files">{[...new Set(b.formats)].map(label).join(', ')}</td>
                  <td className="num">{b.executionsNew}</td>
                  <td className="num">{b.executionsDuplicate}</td>
                  <td className={`num${b.errors > 0 ? ' pnl--loss' : ''}`}>{b.errors}</td>
                  <td className="num">{b.tradesCreated}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
