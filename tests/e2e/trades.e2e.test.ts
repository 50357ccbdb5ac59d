import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoInBrowser } from './demo-in-browser';
import { screenshot, settled, watchErrors } from './page-watch';

const pages = ['dashboard', 'trades', 'journal', 'playbooks', 'reports', 'coach', 'import', 'settings'] as const;

async function openPage(page: Page, id: (typeof pages)[number]): Promise<void> {
  await page.getByTestId(`nav-${id}`).click();
  await page.locator(`main[data-page="${id}"]`).waitFor();
  await settled(page);
}

describe('trades in the browser (tpj serve + Chromium)', { timeout: 60_000 }, () => {
  const app = demoInBrowser({ trades: 300, seed: 7 });

  it('lists the demo trades page by page and every page opens without errors', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(app.server.url);
    // The token in the address became a cookie and left the address bar.
    expect(page.url()).not.toContain('token=');

    await openPage(page, 'trades');
    const rows = page.getByTestId('trades-table').getByTestId('trade-row');
    await expect.poll(() => rows.count()).toBe(100);
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 100 of 300 trades');
    await expect.poll(() => page.getByTestId('status-trades').textContent()).toBe('300 trades');
    await expect.poll(() => rows.first().locator('td').nth(1).textContent()).not.toBe('Unknown account');
    expect(await rows.first().locator('td.pnl').textContent()).toMatch(/^-?[$€£¥]/);
    await screenshot(page, 'trades');

    await page.getByTestId('load-more').click();
    await expect.poll(() => rows.count()).toBe(200);
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 200 of 300 trades');
    await page.getByTestId('load-more').click();
    await expect.poll(() => rows.count()).toBe(300);
    expect(await page.getByTestId('load-more').count()).toBe(0);

    for (const id of pages) {
      await openPage(page, id);
      if (id !== 'trades') await screenshot(page, id);
    }
    expect(await page.getByTestId('status-sync').textContent()).toBe('Sync: not set up');
    expect(await page.getByTestId('status-backup').textContent()).toBe('Last backup: never');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refreshes the list when another client changes the journal', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(`${app.server.origin}/#/trades`);
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 100 of 300 trades');
    const newest = (await app.server.rpc('trades.list', { limit: 1 })).value as {
      items: { id: string; symbol: string }[];
    };
    const deleted = newest.items[0]!;

    expect((await app.server.rpc('trades.delete', { id: deleted.id })).ok).toBe(true);

    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 100 of 299 trades');
    await expect.poll(() => page.getByTestId('status-trades').textContent()).toBe('299 trades');
    await page.close();
  });

  it('says so in a dismissible banner when the journal cannot be reached', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(`${app.server.origin}/#/trades`);
    await page.getByTestId('trade-row').first().waitFor();
    await app.server.stop();

    await page.getByRole('button', { name: 'Refresh' }).click();
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('The journal is not reachable');
    // What was on screen stays readable while the journal is away.
    expect(await page.getByTestId('trade-row').count()).toBe(100);

    await banner.getByRole('button', { name: 'Dismiss this message' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.close();
  });
});
