import type { JobInfo, QueueSummary } from '../../../../shared/contract/jobs';

/** Queue names in words a trader reads. */
export const queueLabels: Record<QueueSummary['queue'], string> = {
  'broker-sync': 'Broker sync',
  import: 'Imports',
  ai: 'AI coach and search',
  email: 'Email',
  default: 'Maintenance',
};

/** The queues worth a row: those with anything waiting, running or dead. */
export function busyQueues(queues: QueueSummary[]): QueueSummary[] {
  return queues.filter((q) => q.waiting + q.delayed + q.active + q.dead > 0);
}

/** One line for the card header: "3 waiting · 1 running · 2 failed". */
export function backlogText(queues: QueueSummary[]): string {
  const sum = (pick: (q: QueueSummary) => number) => queues.reduce((n, q) => n + pick(q), 0);
  const waiting = sum((q) => q.waiting + q.delayed);
  const running = sum((q) => q.active);
  const dead = sum((q) => q.dead);
  if (waiting + running + dead === 0) return 'Nothing queued';
  const parts = [
    waiting > 0 ? `${waiting} waiting` : '',
    running > 0 ? `${running} running` : '',
    dead > 0 ? `${dead} failed` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** A running job's progress in percent, the latest event winning over the listed value; null when unknown. */
export function progressPercent(job: JobInfo, live: ReadonlyMap<number, number>): number | null {
  const fraction = live.get(job.id) ?? job.progress;
  return fraction === null ? null : Math.round(fraction * 100);
}

/** Jobs split for the card: running ones first, then dead letters. */
export function splitJobs(jobs: JobInfo[]): { running: JobInfo[]; dead: JobInfo[] } {
  return { running: jobs.filter((j) => j.state === 'active'), dead: jobs.filter((j) => j.state === 'dead') };
}
