import { describe, expect, it } from 'vitest';
import { backoffDelay, jobPriority, queueDefinitions, queueNames } from '../../shared/jobs/queues';
import { jobSettings, workerSettings, workspacePrefix } from './definitions';

describe('BullMQ settings from the shared queue definitions', () => {
  it('maps concurrency, rate limit, attempts, backoff and priority of every queue', () => {
    expect(queueNames.map((q) => ({ q, ...workerSettings(queueDefinitions[q]) }))).toEqual([
      { q: 'broker-sync', concurrency: 2, limiter: { max: 10, duration: 60_000 } },
      { q: 'import', concurrency: 3, limiter: { max: 5, duration: 60_000 } },
      { q: 'ai', concurrency: 5, limiter: { max: 20, duration: 60_000 } },
      { q: 'email', concurrency: 10, limiter: { max: 100, duration: 60_000 } },
      { q: 'default', concurrency: 5 },
    ]);
    expect(queueNames.map((q) => jobSettings(queueDefinitions[q], jobPriority.high))).toMatchObject([
      { attempts: 5, backoff: { type: 'exponential', delay: 5000 }, priority: 1, removeOnFail: false },
      { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, priority: 1 },
      { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, priority: 1 },
      { attempts: 3, backoff: { type: 'fixed', delay: 5000 }, priority: 1 },
      { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, priority: 1 },
    ]);
    expect(jobSettings(queueDefinitions.ai).priority).toBe(jobPriority.normal);
  });

  it("BullMQ's exponential formula gives the local runner's delays", () => {
    // BullMQ: round(2^(attemptsMade - 1) × delay) for exponential; `delay` for fixed.
    const bull = (type: 'exponential' | 'fixed', delay: number, made: number) =>
      type === 'fixed' ? delay : Math.round(2 ** (made - 1) * delay);
    for (const q of queueNames) {
      const { backoff } = queueDefinitions[q];
      const mapped = jobSettings(queueDefinitions[q]).backoff as { type: 'exponential' | 'fixed'; delay: number };
      for (const made of [1, 2, 3, 4]) expect(bull(mapped.type, mapped.delay, made)).toBe(backoffDelay(backoff, made));
    }
  });

  it('refuses priorities outside BullMQ’s range instead of letting Redis reject the job later', () => {
    expect(() => jobSettings(queueDefinitions.ai, 0)).toThrow(RangeError);
    expect(() => jobSettings(queueDefinitions.ai, 2_097_153)).toThrow(RangeError);
    expect(() => jobSettings(queueDefinitions.ai, 1.5)).toThrow(RangeError);
  });

  it('puts each workspace under tpj:<workspace> and refuses ids that could reach another workspace’s keys', () => {
    expect(workspacePrefix('desk-1')).toBe('tpj:desk-1');
    expect(workspacePrefix('desk-1', 'test-7:')).toBe('test-7:tpj:desk-1');
    for (const bad of ['a:b', '', 'a b', 'x'.repeat(101), 'a{b}']) expect(() => workspacePrefix(bad)).toThrow();
  });
});
