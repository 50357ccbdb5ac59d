import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { StatsResult } from '../../shared/contract';
import { demoInBrowser } from './demo-in-browser';
import { screenshot, settled, watchErrors } from './page-watch';

/** The figures as the page holds them (data-value is the raw figure from stats.get). */
async function shownFigures(page: Page) {
  const value = (key: string) => page.getByTestId(`figure-${key}`).getAttribute('data-value');
  return {
    netPnl: await value('net-pnl'),
    winRate: await value('win-rate'),
    profitFactor: await value('profit-factor'),
    expectancy: await value('expectancy'),
    maxDrawdown: await value('max-drawdown'),
    trades: await value('trades'),
  };
}

function expectedFigures(stats: StatsResult) {
  const s = stats.summary;
  const raw = (v: number | string | null) => (v === null ? 'n/a' : String(v));
  return {
    netPnl: raw(s.netPnl),
    winRate: raw(s.winRate),
    profitFactor: raw(s.profitFactor),
    expectancy: raw(s.expectancy),
    maxDrawdown: raw(s.maxDrawdown.amount),
    trades: raw(s.closedTrades),
  };
}

describe('dashboard in the browser (tpj serve + Chromium)', { timeout: 90_000 }, () => {
  const app = demoInBrowser({ trades: 300, seed: 7, viewport: { width: 1024, height: 768 } });
  const stats = async (filter: object) => (await app.server.rpc('stats.get', { filter })).value as StatsResult;

  it('shows the figures stats.get gives, follows the filters and the month, and opens a day', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(app.server.url);
    await page.locator('main[data-page="dashboard"]').waitFor();
    await page.getByTestId('key-figures').waitFor();
    await settled(page);

    const all = await stats({});
    expect(all.summary.closedTrades).toBeGreaterThan(0);
    await expect.poll(() => shownFigures(page)).toEqual(expectedFigures(all));
    expect(await page.getByTestId('figure-net-pnl').locator('dd').first().textContent()).toMatch(/^-?\$[\d,]+\.\d\d$/);
    expect(await page.getByTestId('equity-chart').locator('svg path').count()).toBe(2);
    await screenshot(page, 'dashboard');

    // A filter changes the figures to those of the filtered trades.
    await page.getByTestId('filter-side').selectOption('short');
    const shorts = await stats({ side: 'short' });
    expect(shorts.summary.closedTrades).toBeLessThan(all.summary.closedTrades);
    await expect.poll(() => shownFigures(page)).toEqual(expectedFigures(shorts));
    await page.getByRole('button', { name: /Clear filters/ }).click();
    await expect.poll(() => shownFigures(page)).toEqual(expectedFigures(all));

    // The calendar opens on the latest month with trades and steps back and forth.
    const month = page.getByTestId('calendar-month');
    const latest = all.series.daily.at(-1)!.day;
    const latestTitle = new Date(`${latest}T00:00:00Z`).toLocaleString('en-US', {
      timeZone: 'UTC',
      month: 'long',
      year: 'numeric',
    });
    expect(await month.textContent()).toBe(latestTitle);
    await page.getByRole('button', { name: 'Previous month' }).click();
    await expect.poll(() => month.textContent()).not.toBe(latestTitle);
    await page.getByRole('button', { name: 'Next month' }).click();
    await expect.poll(() => month.textContent()).toBe(latestTitle);

    // A day, chosen from the keyboard, opens the trades list for that day.
    const day = page.getByTestId(`calendar-day-${latest}`);
    expect(await day.getAttribute('aria-label')).toContain(`over ${all.series.daily.at(-1)!.trades} trades`);
    await day.focus();
    await page.keyboard.press('Enter');
    await page.locator('main[data-page="trades"]').waitFor();
    await page.getByTestId('trades-day').waitFor();
    // Worked out apart from the app: every trade closed on that day in the display zone (the
    // trades whose P&L coloured the day), as many as the calendar counted.
    const everything = (await app.server.rpc('trades.list', { limit: 1000 })).value as {
      items: { closedAt: number | null }[];
    };
    const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: all.timeZone, dateStyle: 'short' });
    const listed = {
      total: everything.items.filter((t) => t.closedAt !== null && dayOf.format(t.closedAt) === latest).length,
    };
    expect(listed.total).toBe(all.series.daily.at(-1)!.trades);
    await expect
      .poll(() => page.getByTestId('trades-summary').textContent())
      .toBe(`Showing ${listed.total} of ${listed.total} trades`);
    expect(listed.total).toBeGreaterThan(0);
    await screenshot(page, 'dashboard-day-trades');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refreshes its figures when a trade changes elsewhere', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.server.origin}/#/dashboard`);
    const before = await stats({});
    await expect.poll(() => shownFigures(page)).toEqual(expectedFigures(before));
    const newest = (await app.server.rpc('trades.list', { filter: { status: 'closed' }, limit: 1 })).value as {
      items: { id: string }[];
    };
    expect((await app.server.rpc('trades.delete', { id: newest.items[0]!.id })).ok).toBe(true);
    const after = await stats({});
    expect(after.summary.closedTrades).toBe(before.summary.closedTrades - 1);
    await expect.poll(() => shownFigures(page)).toEqual(expectedFigures(after));
    expect(errors).toEqual([]);
    await page.close();
  });
});
