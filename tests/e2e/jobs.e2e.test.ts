import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { launchChromium, type LaunchedChromium } from '../support/browser';
import { screenshot, settled, watchErrors } from './page-watch';
import { assertBuilt, runTpj, serveJournal, type ServedJournal } from './tpj-server';

type Overview = { jobs: { id: number; state: string }[] };

describe('background jobs in the browser (tpj serve + Chromium)', { timeout: 120_000 }, () => {
  let dataDir = '';
  let server: ServedJournal | undefined;
  let browser: LaunchedChromium | undefined;
  let retryId = 0;
  let discardId = 0;

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-e2e-jobs-'));
    runTpj(dataDir, ['demo', '--trades', '50', '--seed', '5']);
    // Two no-op jobs that failed for good (the first attempt "failed" here, before the app runs).
    const core = createCore({ dataDir });
    // The demo queued its embedding pass on the ai queue; this test is about the default queue only.
    core.store.db.prepare(`DELETE FROM jobs WHERE queue = 'ai'`).run();
    retryId = core.jobs.add('default', 'noop', {}, { attempts: 1 }).id;
    discardId = core.jobs.add('default', 'noop', {}, { attempts: 1 }).id;
    for (const job of core.jobs.store.claim('default', 'setup', 5, 1000)) {
      core.jobs.store.fail(job, 'setup', 'The broker did not answer.');
    }
    core.close();
    server = await serveJournal(dataDir);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists failed jobs on the Settings page; Retry runs one again, Discard forgets the other', async () => {
    const page = await browser!.context.newPage();
    const errors = watchErrors(page);
    await page.goto(server!.url);
    await page.getByTestId('nav-settings').click();
    await page.locator('main[data-page="settings"]').waitFor();
    await settled(page);
    const card = page.getByTestId('jobs-card');
    const rows = card.getByTestId('dead-job');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await card.textContent()).toContain('2 failed');
    expect(await rows.first().textContent()).toContain('The broker did not answer.');
    await screenshot(page, 'settings-jobs-dead');

    await card.getByRole('button', { name: `Discard failed job ${discardId}` }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => rows.count()).toBe(0);
    // tpj serve runs jobs: the retried no-op completes.
    await expect
      .poll(async () => {
        const result = await server!.rpc('jobs.list', { state: 'completed' });
        return (result.value as Overview).jobs.map((j) => j.id);
      })
      .toEqual([retryId]);
    await expect.poll(() => card.textContent()).toContain('Nothing queued');
    await screenshot(page, 'settings-jobs-empty');
    expect(errors).toEqual([]);
  });
});
