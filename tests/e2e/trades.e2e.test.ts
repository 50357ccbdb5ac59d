import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoInBrowser } from './demo-in-browser';
import { screenshot, screenshotDir, settled, watchErrors } from './page-watch';

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
    // The table is virtualized: 100 trades are loaded, only those in view are rows in the DOM.
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 100 of 300 trades');
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    expect(await rows.count()).toBeLessThan(60);
    expect(await page.getByTestId('trades-table').getAttribute('aria-rowcount')).toBe('301');
    await expect.poll(() => page.getByTestId('status-trades').textContent()).toBe('300 trades');
    // Cells: the selection checkbox, Opened, Account, ...
    await expect.poll(() => rows.first().locator('td.cell-account').textContent()).not.toBe('Unknown account');
    expect(await rows.first().locator('td.pnl').textContent()).toMatch(/^-?[$€£¥]/);
    // The window as it is: a full-page capture would make every loaded row visible (and load more).
    await page.screenshot({ path: join(screenshotDir, 'trades.png') });

    // "Load more" (or scrolling down to it, which Playwright does before clicking) brings the rest.
    for (let i = 0; i < 5; i++) {
      if ((await page.getByTestId('trades-summary').textContent()) === 'Showing 300 of 300 trades') break;
      // The button goes once the last page is in, which scrolling to it may have fetched already.
      await page
        .getByTestId('load-more')
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await expect.poll(() => page.getByTestId('trades-summary').textContent()).toMatch(/^Showing (2|3)00 of 300/);
    }
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 300 of 300 trades');
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

  it('loads further pages by scrolling and keeps only the rows in view in the DOM', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.server.origin}/#/trades`);
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 100 of 300 trades');
    const rows = page.getByTestId('trade-row');
    // Scroll to the end of what is loaded, again and again: every page comes without "Load more".
    for (let step = 0; step < 40; step++) {
      if ((await page.getByTestId('trades-summary').textContent()) === 'Showing 300 of 300 trades') break;
      await page.mouse.move(600, 400);
      await page.mouse.wheel(0, 3_000);
      await page.waitForTimeout(50);
    }
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 300 of 300 trades');
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    // Deep in the list: the last trade is a row, the first is not, and the DOM holds a window's worth.
    await expect.poll(() => rows.last().getAttribute('aria-rowindex')).toBe('301');
    expect(await page.locator('[data-testid="trade-row"][data-index="0"]').count()).toBe(0);
    expect(await rows.count()).toBeLessThan(60);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps every row one height in a 1024 px window, so each row sits where the list places it', async () => {
    const page = await app.browser.context.newPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${app.server.origin}/#/trades`);
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 100 of 300 trades');
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, 2_000);
    await settled(page);
    // Long account names and several tags must not make a row taller: the virtualizer puts row
    // i at i × 56 px from the body's top, and a taller row pushes every later one off its place.
    const body = await page.getByTestId('trades-table').locator('tbody').boundingBox();
    const placed = [];
    for (const row of await page.getByTestId('trade-row').all()) {
      const box = await row.boundingBox();
      placed.push({
        index: Number(await row.getAttribute('data-index')),
        offset: Math.round((box?.y ?? NaN) - (body?.y ?? NaN)),
        height: box?.height,
      });
    }
    expect(placed.length).toBeGreaterThan(10);
    expect(placed[0]!.index).toBeGreaterThan(0);
    for (const row of placed) expect(row).toEqual({ index: row.index, offset: row.index * 56, height: 56 });
    await page.close();
  });

  it('moves the focus with the arrow keys, scrolling the focused row into view', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(`${app.server.origin}/#/trades`);
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 100 of 300 trades');
    await page.locator('[data-testid="trade-row"][data-index="0"]').focus();
    expect(await page.evaluate('window.scrollY')).toBe(0);
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate('document.activeElement?.getAttribute("data-index") ?? null');
    await expect.poll(focused).toBe('30');
    expect(await page.evaluate('window.scrollY')).toBeGreaterThan(0);
    // The focused row is inside the window: below the sticky header, above the status bar.
    const place = () =>
      page.evaluate(
        `(() => {
          const row = document.activeElement.getBoundingClientRect();
          const head = document.querySelector('[data-testid="trades-table"] th').getBoundingClientRect();
          const bar = document.querySelector('.status-bar').getBoundingClientRect();
          return row.top >= head.bottom - 1 && row.bottom <= bar.top + 1 ? 'in view' : JSON.stringify({ row, head, bar });
        })()`,
      );
    await expect.poll(place).toBe('in view');
    // The header stuck to the top of the window as the table scrolled under it.
    expect(
      await page.evaluate(`document.querySelector('[data-testid="trades-table"] th').getBoundingClientRect().top`),
    ).toBe(0);
    await page.keyboard.press('ArrowUp');
    await expect.poll(focused).toBe('29');
    // End goes to the last loaded row, which is a scroll away and not in the DOM until then.
    await page.keyboard.press('End');
    await expect.poll(focused).not.toBe('29');
    const last = Number(await focused());
    expect(last).toBeGreaterThanOrEqual(99);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('#/trades/');
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

  it('sorts by a column header, both ways, from the mouse and the keyboard', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.server.origin}/#/trades`);
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toMatch(/^Showing 100 of /);
    const firstIds = async (sort: { key: string; dir: string }) =>
      ((await app.server.rpc('trades.list', { sort, limit: 3 })).value as { items: { id: string }[] }).items.map(
        (x) => x.id,
      );
    const shownIds = () =>
      page.evaluate(
        `[0, 1, 2].map((i) => document.querySelector('[data-testid="trade-row"][data-index="' + i + '"]')?.dataset.tradeId)`,
      );
    const header = page.locator('th', { has: page.getByTestId('sort-netPnl') });
    expect(await header.getAttribute('aria-sort')).toBe('none');

    await page.getByTestId('sort-netPnl').click();
    await expect.poll(shownIds).toEqual(await firstIds({ key: 'netPnl', dir: 'desc' }));
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await page.getByTestId('sort-netPnl').click();
    await expect.poll(shownIds).toEqual(await firstIds({ key: 'netPnl', dir: 'asc' }));
    expect(await header.getAttribute('aria-sort')).toBe('ascending');

    // The same from the keyboard: Enter on a header sorts by it.
    await page.getByTestId('sort-symbol').focus();
    await page.keyboard.press('Enter');
    await expect.poll(shownIds).toEqual(await firstIds({ key: 'symbol', dir: 'asc' }));
    expect(await page.locator('th', { has: page.getByTestId('sort-symbol') }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    expect(await header.getAttribute('aria-sort')).toBe('none');
    // Later pages come in the same order: the cursor carries the sort (one from another sort
    // would be refused with an error). Scrolling to the end of the loaded rows fetches them; not
    // a click on "Load more", which that same scroll may fetch away (the last page removes it).
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).not.toMatch(/^Showing 100 of /);
    const sorted = (
      (await app.server.rpc('trades.list', { sort: { key: 'symbol', dir: 'asc' }, limit: 1000 })).value as {
        items: { id: string }[];
      }
    ).items.map((x) => x.id);
    const renderedRows = () =>
      page.evaluate<[number, string][]>(
        `[...document.querySelectorAll('[data-testid="trade-row"]')].map((r) => [Number(r.dataset.index), r.dataset.tradeId])`,
      );
    await expect.poll(async () => (await renderedRows()).some(([index]) => index >= 100)).toBe(true);
    const rendered = await renderedRows();
    for (const [index, id] of rendered) expect(id, `row ${index}`).toBe(sorted[index]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('searches symbols, selects rows with Shift+click and bulk-tags them', async () => {
    const tag = (await app.server.rpc('tags.create', { name: 'E2E bulk' })).value as { id: string; name: string };
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.server.origin}/#/trades`);
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toMatch(/^Showing 100 of /);

    // Search: a symbol typed in lower case finds that symbol's trades (and any whose notes name it).
    const newest = ((await app.server.rpc('trades.list', { limit: 1 })).value as { items: { symbol: string }[] })
      .items[0]!;
    const found = (await app.server.rpc('trades.list', { search: newest.symbol, limit: 1 })).value as {
      total: number;
    };
    expect(found.total).toBeGreaterThan(0);
    await page.getByTestId('trades-search').fill(newest.symbol.toLowerCase());
    const shown = Math.min(100, found.total);
    await expect
      .poll(() => page.getByTestId('trades-summary').textContent())
      .toBe(`Showing ${shown} of ${found.total} trades`);
    await page.getByTestId('trades-search').fill('');
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toMatch(/^Showing 100 of /);

    // Select rows 0..2: a click, then Shift+click two rows down.
    const box = (i: number) =>
      page.locator(`[data-testid="trade-row"][data-index="${i}"] [data-testid="trade-select"]`);
    await box(0).click();
    await box(2).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('3 selected');
    const picked = await page.evaluate(
      `[...document.querySelectorAll('[data-testid="trade-row"][aria-selected="true"]')].map((r) => r.dataset.tradeId)`,
    );
    expect(picked).toHaveLength(3);
    // Still on the list, not in a trade: the checkbox clicks did not open one.
    expect(page.url()).not.toContain('#/trades/');

    await page.getByTestId('bulk-tag').selectOption(tag.id);
    await page.getByTestId('bulk-add').click();
    await expect.poll(() => page.getByTestId('bulk-outcome').textContent()).toBe('Tagged 3 trades "E2E bulk".');
    // The selection stays for another tag.
    expect(await page.getByTestId('bulk-count').textContent()).toBe('3 selected');
    await page.screenshot({ path: join(screenshotDir, 'trades-bulk-tag.png') });
    const tagged = (await app.server.rpc('trades.list', { filter: { tagId: tag.id }, limit: 10 })).value as {
      items: { id: string }[];
    };
    expect(tagged.items.map((x) => x.id).sort()).toEqual([...(picked as string[])].sort());

    // Escape clears the selection; Space toggles the focused row; Ctrl+A takes every loaded row.
    await page.locator('[data-testid="trade-row"][data-index="1"]').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('1 selected');
    expect(page.url()).not.toContain('#/trades/');
    await page.keyboard.press('Control+a');
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('100 selected');
    await page.keyboard.press('Escape');
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });

    // After a reload the three rows carry the tag: searching its name lists exactly them.
    await page.reload();
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toMatch(/^Showing 100 of /);
    await page.getByTestId('trades-search').fill('e2e BULK');
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 3 of 3 trades');
    const rows = page.getByTestId('trade-row');
    for (let i = 0; i < 3; i++) {
      expect(await rows.nth(i).locator('td.cell-tags').textContent()).toContain('E2E bulk');
      expect(picked).toContain(await rows.nth(i).getAttribute('data-trade-id'));
    }
    expect(errors).toEqual([]);
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
    expect(await page.getByTestId('trade-row').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('trades-summary').textContent()).toMatch(/^Showing 100 of /);

    await banner.getByRole('button', { name: 'Dismiss this message' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.close();
  });
});
