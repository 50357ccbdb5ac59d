import { describe, expect, it } from 'vitest';
import type { JobInfo, QueueSummary } from '../../../../shared/contract/jobs';
import { backlogText, busyQueues, progressPercent, splitJobs } from './jobs-view';

const queue = (q: Partial<QueueSummary> & Pick<QueueSummary, 'queue'>): QueueSummary => ({
  waiting: 0,
  delayed: 0,
  active: 0,
  dead: 0,
  ...q,
});

const job = (j: Partial<JobInfo> & Pick<JobInfo, 'id' | 'state'>): JobInfo => ({
  queue: 'ai',
  name: 'embed',
  priority: 5,
  runAt: 0,
  attempts: 1,
  maxAttempts: 3,
  progress: null,
  lastError: null,
  createdAt: 0,
  updatedAt: 0,
  ...j,
});

describe('the jobs card', () => {
  it('sums the backlog in words, delayed jobs counting as waiting', () => {
    const queues = [queue({ queue: 'ai', waiting: 2, delayed: 1, active: 1 }), queue({ queue: 'email', dead: 2 })];
    expect(backlogText(queues)).toBe('3 waiting · 1 running · 2 failed');
    expect(backlogText([queue({ queue: 'default' })])).toBe('Nothing queued');
    expect(busyQueues([...queues, queue({ queue: 'default' })]).map((q) => q.queue)).toEqual(['ai', 'email']);
  });

  it('shows the latest progress event over the listed value', () => {
    const running = job({ id: 7, state: 'active', progress: 0.2 });
    expect(progressPercent(running, new Map())).toBe(20);
    expect(progressPercent(running, new Map([[7, 0.555]]))).toBe(56);
    expect(progressPercent(job({ id: 8, state: 'active' }), new Map())).toBeNull();
  });

  it('lists running jobs and dead letters apart', () => {
    const split = splitJobs([
      job({ id: 1, state: 'dead' }),
      job({ id: 2, state: 'active' }),
      job({ id: 3, state: 'waiting' }),
    ]);
    expect(split.running.map((j) => j.id)).toEqual([2]);
    expect(split.dead.map((j) => j.id)).toEqual([1]);
  });
});
