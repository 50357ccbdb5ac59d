import type { CloudVerifyReport, ServiceCheck } from '../../../../shared/contract/sync';
import { serviceRow, tableRow, verifySummary } from './sync-view';

const outcomeTone = { ok: 'pass', fail: 'fail', off: 'muted' } as const;

/** "Test connection": one row per service with ✓/✗, latency, version and, for PostgreSQL, TimescaleDB. */
export function ServiceChecks({ checks }: { checks: ServiceCheck[] }) {
  const rows = checks.map(serviceRow);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="cloud-sync-checks">
        <caption className="visually-hidden">Connection test per cloud service</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Result</th>
            <th scope="col" className="num">
              Latency
            </th>
            <th scope="col">Version</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.service} data-testid={`check-${row.service}`}>
              <th scope="row">{row.name}</th>
              <td>
                <span className={`state-badge state-badge--plain state-badge--${outcomeTone[row.outcome]}`}>
                  {row.outcomeText}
                </span>
              </td>
              <td className="num">{row.latency}</td>
              <td>{row.version}</td>
              <td>
                {row.timescale && <div data-testid="check-timescale">{row.timescale}</div>}
                {row.outcome !== 'ok' || !row.timescale ? <span className="cell-muted">{row.message}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Compare with cloud": live rows here and in the cloud per table, and whether they match. */
export function VerifyTable({ report }: { report: CloudVerifyReport }) {
  const rows = report.tables.map(tableRow);
  return (
    <>
      <p
        className={`backups-outcome backups-outcome--${report.tables.every((t) => t.match) ? 'ok' : 'fail'}`}
        data-testid="cloud-verify-summary"
      >
        {verifySummary(report)}
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="cloud-verify">
          <caption className="visually-hidden">Rows per table on this device and in the cloud</caption>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col" className="num">
                Here
              </th>
              <th scope="col" className="num">
                Cloud
              </th>
              <th scope="col">Match</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.table} data-testid="cloud-verify-row">
                <th scope="row">{row.table}</th>
                <td className="num">{row.here}</td>
                <td className="num">{row.cloud}</td>
                <td>
                  <span className={`state-badge state-badge--plain state-badge--${row.tone}`}>{row.verdict}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
