import type { CsvHead } from './csv-head';

/** The file's first rows under its header, so the trader sees what each column holds. */
export function SampleRows({ head, rows = 3 }: { head: CsvHead; rows?: number }) {
  const sample = head.rows.slice(0, rows);
  return (
    <div className="table-wrap sample-rows">
      <table className="table">
        <caption className="visually-hidden">The first rows of the file</caption>
        <thead>
          <tr>
            {head.headers.map((h, i) => (
              <th key={`${h}-${i}`} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sample.length === 0 ? (
            <tr>
              <td colSpan={Math.max(1, head.headers.length)} className="cell-muted">
                The file has a header but no rows.
              </td>
            </tr>
          ) : (
            sample.map((row, r) => (
              <tr key={r}>
                {head.headers.map((_, c) => (
                  <td key={c}>{row[c] ?? ''}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
