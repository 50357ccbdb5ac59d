import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EventMap } from '../../../shared/contract/events';
import { EventHub } from '../events';
import { silentLogger } from '../log/logger';
import { LocalJobs, type JobsOptions } from './local-jobs';
import { PermanentJobError, ProcessorRegistry } from './processors';
import { manualClock, memoryJournal } from './test-support/clock';

let open: LocalJobs[] = [];
afterEach(() => {
  for (const jobs of open) jobs.close();
  open = [];
});

function setup(options: JobsOptions = { run: true }) {
  const clock = manualClock();
  const processors = new ProcessorRegistry();
  const events = new EventHub();
  const db = memoryJournal();
  const start = () => {
    const jobs = new LocalJobs(db, processors, events, silentLogger(), clock.now, options);
    open.push(jobs);
    return jobs;
  };
  return { clock, processors, events, db, start };
}

/** A promise with its resolver, to hold a job open until the test lets it go. */
function gate() {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('the local job runner', () => {
  it('retries a failing job after the queue’s backoff and completes it', async () => {
    const { clock, processors, start } = setup();
    const attempts: number[] = [];
    processors.register('ai', 'embed', {
      run: (job) => {
        attempts.push(job.attempt);
        if (job.attempt < 3) throw new Error('provider busy');
      },
    });
    const jobs = start();
    const { id } = jobs.add('ai', 'embed', { text: 'long day' });

    await jobs.idle();
    expect(jobs.store.get(id)).toMatchObject({
      state: 'waiting',
      runAt: clock.now() + 1000,
      lastError: 'provider busy',
    });
    clock.advance(1000);
    await jobs.idle();
    expect(jobs.store.get(id)).toMatchObject({ state: 'waiting', runAt: clock.now() + 2000 });
    clock.advance(1999);
    await jobs.idle();
    expect(attempts).toEqual([1, 2]);
    clock.advance(1);
    await jobs.idle();
    expect(attempts).toEqual([1, 2, 3]);
    expect(jobs.store.get(id)).toMatchObject({ state: 'completed', attempts: 3 });
  });

  it('starts no more jobs per window than the queue’s rate limit', async () => {
    const { clock, processors, start } = setup();
    const ran: number[] = [];
    processors.register('import', 'file', { run: (job) => void ran.push(job.id) }); // 5 per minute
    const jobs = start();
    for (let i = 0; i < 8; i++) jobs.add('import', 'file', { i });

    await jobs.idle();
    expect(ran).toHaveLength(5);
    clock.advance(59_000);
    await jobs.idle();
    expect(ran).toHaveLength(5);
    clock.advance(1_001);
    await jobs.idle();
    expect(ran).toHaveLength(8);
  });

  it('runs at most the queue’s concurrency at once', async () => {
    const { processors, start } = setup();
    const hold = gate();
    let running = 0;
    let most = 0;
    const started: number[] = [];
    processors.register('default', 'slow', {
      run: async (job) => {
        started.push(job.id);
        most = Math.max(most, ++running);
        await hold.opened;
        running--;
      },
    });
    const jobs = start();
    for (let i = 0; i < 12; i++) jobs.add('default', 'slow', {});
    while (started.length < 5) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));

    expect(started).toHaveLength(5);
    expect(jobs.list({ limit: 100 }).queues.find((q) => q.queue === 'default')).toMatchObject({
      active: 5,
      waiting: 7,
    });
    hold.open();
    await jobs.idle();
    expect(started).toHaveLength(12);
    expect(most).toBe(5);
    expect(jobs.list({ state: 'completed', limit: 100 }).jobs).toHaveLength(12);
  });

  it('reports progress to the UI while a job runs', async () => {
    const { processors, events, start } = setup();
    const seen: EventMap['jobs.progress'][] = [];
    events.on('jobs.progress', (p) => seen.push(p));
    const hold = gate();
    processors.register('ai', 'reindex', {
      run: async (job) => {
        job.reportProgress(0.5);
        await hold.opened;
      },
    });
    const jobs = start();
    const { id } = jobs.add('ai', 'reindex', {});
    while (seen.length === 0) await new Promise((resolve) => setImmediate(resolve));

    expect(seen).toEqual([{ id, queue: 'ai', name: 'reindex', progress: 0.5 }]);
    expect(jobs.store.get(id)).toMatchObject({ state: 'active', progress: 0.5 });
    hold.open();
    await jobs.idle();
    expect(jobs.store.get(id)).toMatchObject({ state: 'completed', progress: 1 });
  });

  it('buries a job whose data fails its processor’s schema without retrying; one no processor knows waits', async () => {
    const { processors, start } = setup();
    let runs = 0;
    processors.register('default', 'typed', { payload: z.object({ tradeId: z.string() }), run: () => void runs++ });
    processors.register('default', 'refuses', {
      run: () => {
        throw new PermanentJobError('the trade is gone');
      },
    });
    const jobs = start();
    const bad = jobs.add('default', 'typed', { tradeId: 42 }).id;
    const good = jobs.add('default', 'typed', { tradeId: 't1' }).id;
    const unknown = jobs.add('default', 'from-a-newer-version', {}).id;
    const refused = jobs.add('default', 'refuses', {}).id;
    await jobs.idle();

    expect(runs).toBe(1);
    expect(jobs.store.get(good)?.state).toBe('completed');
    for (const id of [bad, refused]) expect(jobs.store.get(id)).toMatchObject({ state: 'dead', attempts: 1 });
    expect(jobs.store.get(bad)?.lastError).toMatch(/not valid/);
    expect(jobs.store.get(unknown)).toMatchObject({ state: 'waiting', attempts: 0 });
    processors.register('default', 'from-a-newer-version', { run: () => undefined });
    jobs.add('default', 'typed', { tradeId: 't2' });
    await jobs.idle();
    expect(jobs.store.get(unknown)?.state).toBe('completed');
  });

  it('on close lets running jobs finish within the drain timeout and hands back the rest', async () => {
    const { processors, start } = setup({ run: true, drainTimeoutMs: 50 });
    const quick = gate();
    let abortedStuck = false;
    const started: string[] = [];
    processors.register('default', 'quick', {
      run: async () => {
        started.push('quick');
        await quick.opened;
      },
    });
    processors.register('default', 'stuck', {
      run: (job) =>
        new Promise<void>((resolve) => {
          started.push('stuck');
          job.signal.addEventListener('abort', () => {
            abortedStuck = true;
            resolve();
          });
        }),
    });
    const jobs = start();
    const quickId = jobs.add('default', 'quick', {}).id;
    const stuckId = jobs.add('default', 'stuck', {}).id;
    while (started.length < 2) await new Promise((resolve) => setImmediate(resolve));

    const draining = jobs.drain();
    quick.open();
    await draining;

    expect(jobs.store.get(quickId)?.state).toBe('completed');
    expect(abortedStuck).toBe(true);
    // Handed back unfinished: waiting, and the interrupted run did not use up an attempt.
    expect(jobs.store.get(stuckId)).toMatchObject({ state: 'waiting', attempts: 0 });
    const later = jobs.add('default', 'quick', {});
    await jobs.idle();
    expect(jobs.store.get(later.id)?.state).toBe('waiting');
  });

  it('takes back a job from a runner that stopped renewing its lease, while running', async () => {
    const { clock, processors, start } = setup({ run: true, leaseMs: 30 });
    let runs = 0;
    processors.register('default', 'count', { run: () => void runs++ });
    const jobs = start();
    const { id } = jobs.add('default', 'count', {});
    // Another process claimed it first and then died.
    jobs.store.db
      .prepare(`UPDATE jobs SET state = 'active', owner = 'gone', attempts = 1, locked_until = ? WHERE id = ?`)
      .run(clock.now() + 30, id);
    await jobs.idle();
    expect(runs).toBe(0);
    clock.advance(31);
    while (jobs.store.get(id)?.state !== 'completed') await new Promise((resolve) => setTimeout(resolve, 5));
    expect(runs).toBe(1);
    expect(jobs.store.get(id)?.attempts).toBe(2);
  });

  it('logs instead of crashing the core when the database fails under it', async () => {
    const processors = new ProcessorRegistry();
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    const db = memoryJournal();
    const jobs = new LocalJobs(db, processors, new EventHub(), logger, Date.now, { run: true });
    open.push(jobs);
    processors.register('default', 'count', { run: () => undefined });
    jobs.add('default', 'count', {});
    db.close();
    while (lines.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatch(/could not read or claim jobs/);
  });

  it('only queues jobs in a core that does not run them', async () => {
    const { processors, start } = setup({});
    let runs = 0;
    processors.register('default', 'count', { run: () => void runs++ });
    const jobs = start();
    const { id } = jobs.add('default', 'count', {});
    await jobs.idle();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(0);
    expect(jobs.store.get(id)?.state).toBe('waiting');
  });

  it('tells the UI which queues changed, coalesced', async () => {
    const { processors, events, start } = setup();
    processors.register('email', 'send', { run: () => undefined });
    const changes: EventMap['jobs.changed'][] = [];
    events.on('jobs.changed', (c) => changes.push(c));
    const jobs = start();
    jobs.add('email', 'send', {});
    jobs.add('default', 'noop', {});
    await jobs.idle();
    jobs.close();
    expect(changes).toHaveLength(1);
    expect(new Set(changes[0]?.queues)).toEqual(new Set(['email', 'default']));
  });
});
