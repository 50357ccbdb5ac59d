import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';

describe('jobs through the contract', () => {
  let dispose = () => undefined as void;
  afterEach(() => dispose());

  it('lists backlog and dead letters, retries one and discards another', async () => {
    const t = tempCore();
    dispose = t.dispose;
    const { core, call } = t;
    const waiting = core.jobs.add('ai', 'embed', { text: 'x' }).id;
    const dead = [1, 2].map(() => core.jobs.add('default', 'fails', {}, { attempts: 1 }).id);
    for (const job of core.jobs.store.claim('default', 'test', 5, 1000))
      core.jobs.store.fail(job, 'test', 'no network');

    const overview = await call('jobs.list', {});
    expect(overview.queues.find((q) => q.queue === 'ai')).toMatchObject({ waiting: 1, dead: 0 });
    expect(overview.queues.find((q) => q.queue === 'default')).toMatchObject({ waiting: 0, dead: 2 });
    expect(overview.jobs.map((j) => j.id).sort()).toEqual([waiting, ...dead].sort());
    const letters = await call('jobs.list', { state: 'dead' });
    expect(letters.jobs.map((j) => [j.id, j.lastError])).toEqual(dead.reverse().map((id) => [id, 'no network']));

    const [first = 0, second = 0] = dead;
    expect(await call('jobs.retry', { id: first })).toMatchObject({ id: first, state: 'waiting', attempts: 0 });
    expect(await call('jobs.discard', { id: second })).toEqual({ id: second, discarded: true });
    expect((await call('jobs.list', { state: 'dead' })).jobs).toEqual([]);

    expect(await core.invoke('jobs.retry', { id: waiting })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await core.invoke('jobs.discard', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.invoke('jobs.list', { state: 'lost' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('runs the built-in no-op job in a core opened to run jobs', async () => {
    const t = tempCore({ jobs: { run: true } });
    dispose = t.dispose;
    const { id } = t.core.jobs.add('default', 'noop', {});
    await t.core.jobs.idle();
    expect(t.core.jobs.store.get(id)?.state).toBe('completed');
  });
});
