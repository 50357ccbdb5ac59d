import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, settled, watchErrors } from './page-watch';
import { useServedJournal } from './served';
import { repoRoot } from './tpj-server';

const market = join(repoRoot, 'tests', 'fixtures', 'market');

async function openMarketTab(page: Page): Promise<void> {
  await page.getByTestId('nav-import').click();
  await page.locator('main[data-page="import"]').waitFor();
  await page.getByRole('tab', { name: 'Market data for charts' }).click();
  await page.getByTestId('market-data').waitFor();
  await settled(page);
}

describe('market data from the Import page (tpj serve + Chromium)', { timeout: 90_000 }, () => {
  const served = useServedJournal('market');

  it('refuses a file with bad rows by line, then imports ticks once and shows what the journal holds', async () => {
    const { browser, server } = served();
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url);
    await openMarketTab(page);
    expect(await page.getByText('No market data yet').count()).toBe(1);

    // Lines 3 and 4 are unreadable: nothing from the file is written.
    await page.getByTestId('market-data-input').setInputFiles(join(market, 'ticks-bad.csv'));
    const refused = page.getByTestId('market-data-error');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/ticks-bad\.csv: 2 rows could not be read; nothing was imported/);
    expect(await refused.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^ticks-bad\.csv:3\b/),
      expect.stringMatching(/^ticks-bad\.csv:4\b/),
    ]);
    expect(await page.getByText('No market data yet').count()).toBe(1);
    await screenshot(page, 'import-market-refused');

    await page.getByTestId('market-data-input').setInputFiles(join(market, 'es-ticks.csv'));
    const summary = page.getByTestId('market-data-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^es-ticks\.csv: 5 new of 5 ticks for ESZ5, /);
    const coverage = page.getByTestId('market-data-coverage');
    await expect.poll(() => coverage.locator('tbody tr').count()).toBe(1);
    expect(await coverage.locator('tbody td').first().textContent()).toBe('ESZ5');
    expect(await coverage.locator('tbody td').nth(1).textContent()).toMatch(/^1 day, /);
    await screenshot(page, 'import-market-done');

    // The same file again adds nothing.
    await page.getByTestId('market-data-input').setInputFiles(join(market, 'es-ticks.csv'));
    await expect.poll(() => summary.textContent()).toMatch(/^es-ticks\.csv: 0 new of 5 ticks for ESZ5, /);
    expect(errors).toEqual([]);
  });
});
