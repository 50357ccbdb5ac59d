import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournalDb } from '../db/open';
import { JobStore } from './job-store';
import { manualClock, memoryJournal } from './test-support/clock';

const owner = 'runner-1';

function setup() {
  const clock = manualClock();
  const store = new JobStore(memoryJournal(), clock.now);
  return { clock, store };
}

describe('the jobs table', () => {
  it('hands out jobs by priority, then by when they became due', () => {
    const { clock, store } = setup();
    const low = store.add('default', 'a', {}, { priority: 10 }).id;
    clock.advance(5);
    const highLater = store.add('default', 'b', {}, { priority: 1 }).id;
    const normal = store.add('default', 'c', {}).id;
    const highEarlier = store.add('default', 'd', {}, { priority: 1, delayMs: 0 }).id;
    clock.advance(1);

    expect(store.claim('default', owner, 10, 1000).map((j) => j.id)).toEqual([highLater, highEarlier, normal, low]);
    expect(store.claim('default', owner, 10, 1000)).toEqual([]);
  });

  it('keeps a delayed job back until its time', () => {
    const { clock, store } = setup();
    const id = store.add('email', 'send', { to: 'me' }, { delayMs: 60_000 }).id;
    expect(store.claim('email', owner, 5, 1000)).toEqual([]);
    expect(store.summary().find((q) => q.queue === 'email')).toMatchObject({ waiting: 0, delayed: 1 });
    clock.advance(60_000);
    expect(store.claim('email', owner, 5, 1000)).toMatchObject([{ id, payload: '{"to":"me"}', attempt: 1 }]);
  });

  it('queues the same idempotency key once while it waits or runs, and again once it is done', () => {
    const { store } = setup();
    const first = store.add('ai', 'embed', { text: 'x' }, { idempotencyKey: 'sha-x' });
    expect(store.add('ai', 'embed', { text: 'x' }, { idempotencyKey: 'sha-x' })).toEqual({
      id: first.id,
      added: false,
    });
    const [job] = store.claim('ai', owner, 1, 1000);
    expect(store.add('ai', 'embed', { text: 'x' }, { idempotencyKey: 'sha-x' })).toEqual({
      id: first.id,
      added: false,
    });
    // The same key in another queue is other work.
    expect(store.add('default', 'embed', {}, { idempotencyKey: 'sha-x' }).added).toBe(true);

    store.complete([{ id: first.id, owner, attempt: job?.attempt ?? 0 }]);
    expect(store.add('ai', 'embed', { text: 'x' }, { idempotencyKey: 'sha-x' }).added).toBe(true);
  });

  it('backs off between attempts and keeps a job that used them all as a dead letter', () => {
    const { clock, store } = setup();
    const id = store.add('broker-sync', 'pull', {}).id; // 5 attempts, exponential from 5 s
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const [job] = store.claim('broker-sync', owner, 1, 1000);
      if (!job) throw new Error(`attempt ${attempt} was not handed out`);
      const outcome = store.fail(job, owner, `broker said no (${attempt})`);
      expect(outcome).toBe(attempt < 5 ? 'retry' : 'dead');
      const info = store.get(id);
      if (info?.state === 'waiting') {
        delays.push(info.runAt - clock.now());
        expect(store.claim('broker-sync', owner, 1, 1000)).toEqual([]);
        clock.advance(info.runAt - clock.now());
      }
    }
    expect(delays).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(store.list({ state: 'dead', limit: 10 })).toMatchObject([
      { id, state: 'dead', attempts: 5, maxAttempts: 5, lastError: 'broker said no (5)' },
    ]);
    expect(store.summary().find((q) => q.queue === 'broker-sync')).toMatchObject({ dead: 1, waiting: 0 });
  });

  it('retries a dead letter from its first attempt, or discards it', () => {
    const { store } = setup();
    const kept = store.add('default', 'a', {}, { attempts: 1 }).id;
    const dropped = store.add('default', 'b', {}, { attempts: 1 }).id;
    for (const job of store.claim('default', owner, 2, 1000)) store.fail(job, owner, 'boom');

    expect(store.retryDead(kept)).toMatchObject({ id: kept, state: 'waiting', attempts: 0, lastError: 'boom' });
    expect(() => store.retryDead(kept)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    store.discardDead(dropped);
    expect(store.get(dropped)).toBeNull();
    expect(() => store.discardDead(dropped)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(store.claim('default', owner, 5, 1000).map((j) => j.id)).toEqual([kept]);
  });

  it('does not retry a dead letter while the same work is queued again', () => {
    const { store } = setup();
    const dead = store.add('ai', 'embed', {}, { idempotencyKey: 'k', attempts: 1 }).id;
    for (const job of store.claim('ai', owner, 1, 1000)) store.fail(job, owner, 'quota');
    store.add('ai', 'embed', {}, { idempotencyKey: 'k' });
    expect(() => store.retryDead(dead)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('takes back a job whose lease ran out, and the stale runner can no longer settle it', () => {
    const { clock, store } = setup();
    const id = store.add('default', 'a', {}).id;
    const [stale] = store.claim('default', 'dead-runner', 1, 30_000);
    if (!stale) throw new Error('not claimed');
    expect(store.recoverExpired()).toBe(0);
    clock.advance(30_001);
    expect(store.recoverExpired()).toBe(1);

    const [fresh] = store.claim('default', owner, 1, 30_000);
    expect(fresh).toMatchObject({ id, attempt: 2 });
    store.complete([{ id, owner: 'dead-runner', attempt: 1 }]);
    expect(store.get(id)?.state).toBe('active');
    store.complete([{ id, owner, attempt: 2 }]);
    expect(store.get(id)?.state).toBe('completed');
  });

  it('buries a job that was interrupted on its last attempt', () => {
    const { clock, store } = setup();
    const id = store.add('default', 'a', {}, { attempts: 1 }).id;
    store.claim('default', 'dead-runner', 1, 1000);
    clock.advance(1001);
    store.recoverExpired();
    expect(store.get(id)?.state).toBe('dead');
    expect(store.get(id)?.lastError).toMatch(/stopped/);
  });
});

describe('two runners on one journal file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never hand the same job to both', () => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-jobs-'));
    const file = join(dir, 'journal.sqlite');
    const a = new JobStore(openJournalDb(file));
    const b = new JobStore(openJournalDb(file));
    a.db.transaction(() => {
      for (let i = 0; i < 200; i++) a.add('default', 'n', { i });
    })();
    const seen: number[] = [];
    for (let round = 0; round < 50; round++) {
      seen.push(...a.claim('default', 'a', 3, 60_000).map((j) => j.id));
      seen.push(...b.claim('default', 'b', 2, 60_000).map((j) => j.id));
    }
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
    a.db.close();
    b.db.close();
  });
});
