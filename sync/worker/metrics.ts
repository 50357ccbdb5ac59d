import { queueNames, type QueueName } from '../../shared/jobs/queues';
import type { QueueCounts } from './queues';

/** Upper bounds (seconds) of the job-duration histogram: from a no-op to a long embedding run. */
const BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300];

type Histogram = { buckets: number[]; count: number; sum: number };

/** Durations of the jobs this process ran, per queue and outcome, as a Prometheus histogram. */
export class JobDurations {
  private readonly byKey = new Map<string, Histogram>();

  observe(queue: QueueName, outcome: 'completed' | 'failed', seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    const key = `${queue}\u0000${outcome}`;
    let h = this.byKey.get(key);
    if (!h) this.byKey.set(key, (h = { buckets: BUCKETS.map(() => 0), count: 0, sum: 0 }));
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) h.buckets[i]! += 1;
    });
    h.count += 1;
    h.sum += seconds;
  }

  lines(): string[] {
    const out = [
      '# HELP tpj_job_duration_seconds How long jobs ran in this worker process, by queue and outcome.',
      '# TYPE tpj_job_duration_seconds histogram',
    ];
    for (const [key, h] of [...this.byKey].sort(([a], [b]) => a.localeCompare(b))) {
      const [queue, outcome] = key.split('\u0000') as [string, string];
      const labels = `queue="${queue}",outcome="${outcome}"`;
      BUCKETS.forEach((bound, i) =>
        out.push(`tpj_job_duration_seconds_bucket{${labels},le="${bound}"} ${h.buckets[i]}`),
      );
      out.push(`tpj_job_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      out.push(`tpj_job_duration_seconds_sum{${labels}} ${h.sum}`);
      out.push(`tpj_job_duration_seconds_count{${labels}} ${h.count}`);
    }
    return out;
  }
}

/**
 * The Prometheus text exposition of the workspace's queues (counts live from Redis, shared by
 * every worker) and of this process (job durations, jobs it is running now).
 */
export function renderMetrics(
  counts: Record<QueueName, QueueCounts>,
  durations: JobDurations,
  runningHere: Record<QueueName, number>,
): string {
  const states = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
  const lines = [
    '# HELP tpj_queue_jobs Jobs in each state per queue of the workspace (all workers); failed = dead letters.',
    '# TYPE tpj_queue_jobs gauge',
  ];
  for (const queue of queueNames) {
    for (const state of states) lines.push(`tpj_queue_jobs{queue="${queue}",state="${state}"} ${counts[queue][state]}`);
  }
  lines.push('# HELP tpj_worker_running_jobs Jobs this worker process is running now.');
  lines.push('# TYPE tpj_worker_running_jobs gauge');
  for (const queue of queueNames) lines.push(`tpj_worker_running_jobs{queue="${queue}"} ${runningHere[queue]}`);
  lines.push(...durations.lines());
  return `${lines.join('\n')}\n`;
}
