import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCore } from '../core';

const LEASE_MS = 30_000;

describe('a job whose runner is killed (SIGKILL)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-jobs-kill-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs again after restart and takes effect exactly once', async () => {
    const dataDir = join(dir, 'journal');
    const notes = join(dir, 'notes.txt');
    const setup = createCore({ dataDir });
    const { id } = setup.jobs.add('default', 'write-note', { note: 'review AAPL' }, { idempotencyKey: 'note-1' });
    setup.close();

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'test-support', 'job-child.ts'), dataDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes(`running ${id}`)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the runner ended early (${code})`)));
    });
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Restarted after the dead runner's lease ran out: the job is taken back and run to the end.
    const core = createCore({ dataDir, jobs: { run: true, leaseMs: LEASE_MS }, now: () => Date.now() + LEASE_MS + 1 });
    try {
      expect(core.jobs.store.get(id)).toMatchObject({ state: 'waiting', attempts: 1 });
      let runs = 0;
      core.processors.register('default', 'write-note', {
        payload: z.object({ note: z.string() }),
        run: (job) => {
          runs++;
          // Idempotent by contract: the effect is keyed by the job's content, not appended blindly.
          const written = existsSync(notes) ? readFileSync(notes, 'utf8').split('\n') : [];
          if (!written.includes(job.payload.note)) appendFileSync(notes, `${job.payload.note}\n`);
        },
      });
      core.jobs.add('default', 'noop', {});
      await core.jobs.idle();
      expect(runs).toBe(1);
      expect(core.jobs.store.get(id)).toMatchObject({ state: 'completed', attempts: 2 });
      expect(readFileSync(notes, 'utf8')).toBe('review AAPL\n');
    } finally {
      core.close();
    }
  });
});
