import { useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { IntegrityReport } from '../../../../shared/contract/backups';
import { formatDateTime } from '../../format/date';
import { useTimeZone } from '../../state/journal-store';
import { checkTitle, countPairs, reportHeadline, sortChecks, statusLabels, worstStatus } from './integrity';
import { OperationProgress } from './OperationProgress';
import { callQuietly } from '../../client/quiet-call';
import type { Operation } from './use-operation';

/** `journal.verify` on demand: every check with its status, failures first. */
export function IntegrityCard({ operation }: { operation: Operation }) {
  const timeZone = useTimeZone();
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const running = operation.running === 'verify';

  const runChecks = async () => {
    setError(null);
    const result = await operation.run('verify', () => callQuietly('journal.verify', {}));
    if (result.ok) setReport(result.value);
    else setError(result.error);
  };

  return (
    <section className="card" aria-labelledby="integrity-title" data-testid="integrity-card">
      <header className="card__header">
        <h2 id="integrity-title">Integrity checks</h2>
        <button
          type="button"
          className={report === null ? 'button button--primary' : 'button'}
          disabled={operation.running !== null}
          onClick={() => void runChecks()}
        >
          {report === null ? 'Run checks' : 'Run checks again'}
        </button>
      </header>
      {running && (
        <div className="card__body card__body--tight">
          <OperationProgress
            operation="verify"
            progress={operation.progress}
            onCancel={operation.cancel}
            testId="verify-progress"
          />
        </div>
      )}
      {error !== null && (
        <p className={`backups-outcome backups-outcome--${error.code === 'CANCELLED' ? 'muted' : 'fail'}`} role="alert">
          {error.code === 'CANCELLED' ? error.message : `The checks could not run: ${error.message}`}
        </p>
      )}
      {/* A re-run hides the last report: its headline must never pass for the new one. */}
      {report === null || running ? (
        !running && (
          <p className="card__body cell-muted" data-testid="integrity-empty">
            Checks the database file, the links between records, every trade against its executions, attachment files,
            clock stamps, the changes waiting to sync and the age of the last backup. Nothing is changed; the same
            report as <code>tpj verify</code>.
          </p>
        )
      ) : (
        <ReportView report={report} timeZone={timeZone} />
      )}
    </section>
  );
}

function ReportView({ report, timeZone }: { report: IntegrityReport; timeZone: string }) {
  const worst = worstStatus(report);
  return (
    <>
      <div className="integrity-summary">
        <span className={`state-badge state-badge--${badgeTone(worst)}`} data-testid="integrity-headline">
          {reportHeadline(report)}
        </span>
        <span className="cell-muted">Checked {formatDateTime(report.checkedAt, timeZone)}</span>
      </div>
      <div className="table-wrap">
        <table className="table integrity-table" data-testid="integrity-table">
          <caption className="visually-hidden">Integrity checks, failures first</caption>
          <thead>
            <tr>
              <th scope="col">Result</th>
              <th scope="col">Check</th>
              <th scope="col">Details</th>
              <th scope="col">Counts</th>
            </tr>
          </thead>
          <tbody>
            {sortChecks(report.checks).map((check) => (
              <tr key={check.name} className={`integrity-row--${badgeTone(check.status)}`} data-testid="integrity-row">
                <td>
                  <span className={`state-badge state-badge--${badgeTone(check.status)}`} data-status={check.status}>
                    {statusLabels[check.status]}
                  </span>
                </td>
                <th scope="row">{checkTitle(check.name)}</th>
                <td className="integrity-table__detail">{check.detail}</td>
                <td className="integrity-table__counts">{countPairs(check.counts).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** CSS modifier for a status ("n/a" is not a class name). */
function badgeTone(status: IntegrityReport['checks'][number]['status']): string {
  return status === 'n/a' ? 'none' : status;
}
