import { useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { JobInfo } from '../../../../shared/contract/jobs';
import { callQuietly } from '../../client/quiet-call';
import { formatDateTime } from '../../format/date';
import { useTimeZone } from '../../state/journal-store';
import { Loading } from '../../ui/Loading';
import { backlogText, busyQueues, progressPercent, queueLabels, splitJobs } from './jobs-view';
import { useJobs } from './use-jobs';

/** Background jobs: backlog per queue, running jobs with progress, failed jobs to retry or discard. */
export function JobsCard() {
  const { overview, error, progress, reload } = useJobs();
  const [problem, setProblem] = useState<AppError | null>(null);
  const [pending, setPending] = useState<number | null>(null);

  const act = async (method: 'jobs.retry' | 'jobs.discard', id: number) => {
    setPending(id);
    setProblem(null);
    const result = await callQuietly(method, { id });
    setPending(null);
    if (!result.ok) setProblem(result.error);
    reload();
  };

  return (
    <section className="card" aria-labelledby="jobs-title" data-testid="jobs-card">
      <header className="card__header">
        <h2 id="jobs-title">Background jobs</h2>
        {overview && <span className="cell-muted">{backlogText(overview.queues)}</span>}
      </header>
      {overview === undefined ? (
        error ? (
          <div className="card__body" role="alert">
            <p>The job queue could not be read: {error.message}</p>
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          </div>
        ) : (
          <Loading label="Reading the job queue…" />
        )
      ) : (
        <JobsBody
          overview={overview}
          progress={progress}
          pending={pending}
          onRetry={(id) => void act('jobs.retry', id)}
          onDiscard={(id) => void act('jobs.discard', id)}
        />
      )}
      {problem && (
        <p className="backups-outcome backups-outcome--fail" role="alert">
          {problem.message}
        </p>
      )}
    </section>
  );
}

type BodyProps = {
  overview: NonNullable<ReturnType<typeof useJobs>['overview']>;
  progress: ReadonlyMap<number, number>;
  pending: number | null;
  onRetry: (id: number) => void;
  onDiscard: (id: number) => void;
};

function JobsBody({ overview, progress, pending, onRetry, onDiscard }: BodyProps) {
  const timeZone = useTimeZone();
  const queues = busyQueues(overview.queues);
  const { running, dead } = splitJobs(overview.jobs);
  if (queues.length === 0) {
    return <p className="card__body cell-muted">Nothing is waiting. Work like syncing and AI search runs here.</p>;
  }
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="jobs-queues">
          <caption className="visually-hidden">Jobs per queue</caption>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col" className="num">
                Waiting
              </th>
              <th scope="col" className="num">
                Running
              </th>
              <th scope="col" className="num">
                Failed
              </th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.queue}>
                <td>{queueLabels[q.queue]}</td>
                <td className="num">{q.waiting + q.delayed}</td>
                <td className="num">{q.active}</td>
                <td className="num">{q.dead}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {running.length > 0 && (
        <ul className="jobs-running" aria-label="Running jobs">
          {running.map((job) => (
            <RunningJob key={job.id} job={job} percent={progressPercent(job, progress)} />
          ))}
        </ul>
      )}
      {dead.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="jobs-dead">
            <caption className="visually-hidden">Jobs that failed for good</caption>
            <thead>
              <tr>
                <th scope="col">Failed job</th>
                <th scope="col">Last error</th>
                <th scope="col">When</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {dead.map((job) => (
                <tr key={job.id} data-testid="dead-job">
                  <td>
                    {queueLabels[job.queue]} · {job.name} <span className="cell-muted">#{job.id}</span>
                  </td>
                  <td>{job.lastError ?? <span className="cell-muted">—</span>}</td>
                  <td>{formatDateTime(job.updatedAt, timeZone)}</td>
                  <td className="backups-table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      disabled={pending !== null}
                      onClick={() => onRetry(job.id)}
                    >
                      Retry
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--small"
                      disabled={pending !== null}
                      aria-label={`Discard failed job ${job.id}`}
                      onClick={() => onDiscard(job.id)}
                    >
                      Discard
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function RunningJob({ job, percent }: { job: JobInfo; percent: number | null }) {
  const label = `${queueLabels[job.queue]} · ${job.name}`;
  return (
    <li className="progress">
      <div className="progress__label">{percent === null ? label : `${label} — ${percent}%`}</div>
      <div
        className={`progress__track${percent === null ? ' progress__track--busy' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <div className="progress__fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
    </li>
  );
}
