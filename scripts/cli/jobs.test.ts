import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';

const run = promisify(execFile);
const tpj = join(import.meta.dirname, '..', '..', 'bin', 'tpj.js');

/** Run the built `tpj` without a terminal; never throws on a non-zero exit. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tpj, ...args], {
      env: { ...process.env, TPJ_DATA_DIR: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('tpj jobs (built CLI)', () => {
  let dir: string;
  let dead: number[];
  beforeAll(() => {
    if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'cli', 'tpj.js'))) {
      throw new Error('The CLI is not built: run `node scripts/build-cli.mjs` (npm test does it).');
    }
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-cli-jobs-'));
    const core = createCore({ dataDir: dir });
    core.jobs.add('ai', 'embed', { text: 'later' }, { delayMs: 3_600_000 });
    dead = [1, 2].map(() => core.jobs.add('default', 'sync-broker', {}, { attempts: 1 }).id);
    for (const job of core.jobs.store.claim('default', 'test', 5, 1000)) {
      core.jobs.store.fail(job, 'test', 'the broker refused the login');
    }
    core.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the backlog per queue and the dead letters', async () => {
    const all = await cli('--data-dir', dir, 'jobs');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/ai\s+0\s+1\s+0\s+0/);
    expect(all.stdout).toMatch(/default\s+0\s+0\s+0\s+2/);
    expect(all.stdout).toContain('the broker refused the login');

    const letters = await cli('--data-dir', dir, 'jobs', '--dead', '--json');
    expect(letters.code).toBe(0);
    const parsed = JSON.parse(letters.stdout) as { jobs: { id: number; state: string }[] };
    expect(parsed.jobs.map((j) => j.id).sort()).toEqual(dead);
    expect(parsed.jobs.every((j) => j.state === 'dead')).toBe(true);
  });

  it('retries and discards dead jobs, exiting 1 for one that is not dead or does not exist', async () => {
    const [first = 0, second = 0] = dead;
    const retried = await cli('--data-dir', dir, 'jobs', 'retry', String(first));
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain(`Job ${first} (default/sync-broker) is queued again`);
    const again = await cli('--data-dir', dir, 'jobs', 'retry', String(first));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('only jobs that failed for good');

    const discarded = await cli('--data-dir', dir, 'jobs', 'discard', String(second), '--json');
    expect(discarded.code).toBe(0);
    expect(JSON.parse(discarded.stdout)).toEqual({ id: second, discarded: true });
    const missing = await cli('--data-dir', dir, 'jobs', 'discard', String(second));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`There is no job ${second}`);

    expect((await cli('--data-dir', dir, 'jobs', '--dead')).stdout).toContain('No dead jobs.');
    expect((await cli('--data-dir', dir, 'jobs', 'retry', 'x')).code).toBe(1);
  });
});
