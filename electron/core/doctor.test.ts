import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../tests/support/temp-core';
import { runDoctor } from './doctor';

describe('doctor', () => {
  let dispose = () => undefined as void;
  afterEach(() => dispose());

  it('reports the job backlog and warns about failed jobs', () => {
    const t = tempCore();
    dispose = t.dispose;
    const jobsCheck = () => runDoctor(t.core).find((c) => c.name === 'jobs');
    expect(jobsCheck()).toMatchObject({ level: 'ok', detail: '0 waiting, 0 running, 0 failed' });

    t.core.jobs.add('ai', 'embed', {}, { delayMs: 60_000 });
    t.core.jobs.add('default', 'fails', {}, { attempts: 1 });
    for (const job of t.core.jobs.store.claim('default', 'test', 5, 1000)) t.core.jobs.store.fail(job, 'test', 'x');
    expect(jobsCheck()).toMatchObject({
      level: 'warn',
      ok: false,
      detail: '1 waiting, 0 running, 1 failed (see tpj jobs --dead)',
    });
  });
});
