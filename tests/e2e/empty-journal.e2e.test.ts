import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../support/browser';
import { screenshot, settled, watchErrors } from './page-watch';
import { assertBuilt, serveJournal, type ServedJournal } from './tpj-server';

describe('first run with an empty journal', { timeout: 60_000 }, () => {
  let dataDir = '';
  let server: ServedJournal | undefined;
  let browser: LaunchedChromium | undefined;

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-e2e-empty-'));
    server = await serveJournal(dataDir);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('offers the demo journal, and loading it fills the trades table', async () => {
    const page = await browser!.context.newPage();
    const errors = watchErrors(page);
    await page.goto(server!.url);

    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('nav-trades').click();
    await page.locator('main[data-page="trades"]').waitFor();
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    expect(await page.getByTestId('trades-table').count()).toBe(0);
    await screenshot(page, 'empty-trades');

    await empty.getByRole('button', { name: 'Load demo journal' }).click();
    const rows = page.getByTestId('trades-table').getByTestId('trade-row');
    await rows.first().waitFor({ timeout: 30_000 });
    await settled(page);
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('empty-state').count()).toBe(0);
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toMatch(/^Showing 100 of [\d,]+ trades$/);
    // Accounts and tags arrived with the demo too: rows name their account.
    await expect.poll(() => rows.first().locator('td').nth(1).textContent()).not.toBe('Unknown account');

    // The dashboard, too, now shows the journal instead of the invitation.
    await page.getByTestId('nav-dashboard').click();
    await page.locator('main[data-page="dashboard"]').waitFor();
    expect(await page.getByTestId('empty-state').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sends "Import trades" to the import page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tpj-e2e-empty2-'));
    const second = await serveJournal(empty);
    try {
      const page = await browser!.context.newPage();
      await page.goto(second.url);
      await page.getByTestId('empty-state').getByRole('button', { name: 'Import trades' }).click();
      await page.locator('main[data-page="import"]').waitFor();
      expect(new URL(page.url()).hash).toBe('#/import');
      await page.close();
    } finally {
      await second.stop();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
