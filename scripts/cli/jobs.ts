import type { Command } from 'commander';
import type { JobInfo, JobsOverview } from '../../shared/contract/jobs';
import type { GlobalOptions } from './context';
import { openCore } from './context';
import { dateTime, table } from './format';
import { positiveInt } from './options';

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** `tpj jobs`, `tpj jobs retry ID`, `tpj jobs discard ID`: the local job queue. */
export function registerJobs(program: Command, globals: () => GlobalOptions): void {
  const jobs = program
    .command('jobs')
    .description('show the local job queue: backlog per queue and jobs not yet done')
    .option('--dead', 'only jobs that failed for good (dead letters)')
    .option('--json', 'print JSON')
    .action(async (opts: { dead?: boolean; json?: boolean }) => {
      const { call, close } = openCore(globals());
      try {
        const overview = await call('jobs.list', opts.dead ? { state: 'dead' } : {});
        if (opts.json) return console.log(JSON.stringify(overview));
        console.log(describeOverview(overview, opts.dead === true));
      } finally {
        close();
      }
    });

  // `tpj jobs retry 3 --json`: Commander hands --json to `jobs`, which declares it too.
  const parentJson = () => jobs.opts<{ json?: boolean }>().json === true;

  jobs
    .command('retry')
    .description('run a dead job again, from its first attempt')
    .argument('<id>', 'job id (see `tpj jobs --dead`)', (v) => positiveInt(v, 1))
    .option('--json', 'print JSON')
    .action(async (id: number, opts: { json?: boolean }) => {
      const { call, close } = openCore(globals());
      try {
        const job = await call('jobs.retry', { id });
        if (opts.json || parentJson()) return console.log(JSON.stringify(job));
        console.log(`Job ${job.id} (${job.queue}/${job.name}) is queued again; it runs when the app is open.`);
      } finally {
        close();
      }
    });

  jobs
    .command('discard')
    .description('forget a dead job for good')
    .argument('<id>', 'job id (see `tpj jobs --dead`)', (v) => positiveInt(v, 1))
    .option('--json', 'print JSON')
    .action(async (id: number, opts: { json?: boolean }) => {
      const { call, close } = openCore(globals());
      try {
        const result = await call('jobs.discard', { id });
        if (opts.json || parentJson()) return console.log(JSON.stringify(result));
        console.log(`Job ${id} was discarded.`);
      } finally {
        close();
      }
    });
}

function describeOverview(overview: JobsOverview, deadOnly: boolean): string {
  const backlog = table(
    ['Queue', 'Waiting', 'Delayed', 'Running', 'Dead'],
    overview.queues.map((q) => [q.queue, String(q.waiting), String(q.delayed), String(q.active), String(q.dead)]),
  );
  if (overview.jobs.length === 0) {
    return `${backlog}\n\n${deadOnly ? 'No dead jobs.' : 'No jobs waiting, running or dead.'}`;
  }
  return `${backlog}\n\n${table(['Id', 'Queue', 'Job', 'State', 'Attempts', 'Runs at', 'Last error'], overview.jobs.map(jobRow))}`;
}

function jobRow(job: JobInfo): string[] {
  const state =
    job.state === 'active' && job.progress !== null ? `active ${Math.round(job.progress * 100)}%` : job.state;
  return [
    String(job.id),
    job.queue,
    job.name,
    state,
    `${job.attempts}/${job.maxAttempts}`,
    dateTime(job.runAt, localZone),
    (job.lastError ?? '').slice(0, 80),
  ];
}
