import { describe, expect, it } from 'vitest';
import { demoInBrowser } from './demo-in-browser';
import { screenshot, settled, watchErrors } from './page-watch';

describe('the coach in the browser (tpj serve + Chromium)', { timeout: 90_000 }, () => {
  const app = demoInBrowser({ trades: 300, seed: 7 });

  it('reviews the latest week, follows a citation to the trade, and answers a question', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    // The demo ends yesterday; review the week of its newest trade (this week may have none yet).
    const newest = (await app.server.rpc('trades.list', { limit: 1 })).value as { items: { openedAt: number }[] };
    const lastDay = new Date(newest.items[0]!.openedAt).toISOString().slice(0, 10);

    await page.goto(app.server.url);
    await page.getByTestId('nav-coach').click();
    await page.locator('main[data-page="coach"]').waitFor();
    await settled(page);
    expect(await page.getByTestId('coach-provider').textContent()).toContain('Local coach — no Gemini API key is set');
    expect(await page.getByTestId('coach-empty').isVisible()).toBe(true);

    await page.getByTestId('coach-week').fill(lastDay);
    await page.getByTestId('coach-submit').click();
    const answers = page.getByTestId('coach-message-coach');
    await expect.poll(() => answers.count()).toBe(1);
    const week = (await answers.first().textContent()) ?? '';
    expect(week).toContain('Weekly review');
    expect(week).toMatch(/Net P&L [+-][\d,.]+ USD over \d+ trades/);
    expect(week).toContain('Against your previous 4 weeks');
    expect(week).toContain('Best trade:');
    await screenshot(page, 'coach-week');

    const citation = answers.first().getByTestId('coach-citation').first();
    const href = (await citation.getAttribute('href')) ?? '';
    expect(href).toMatch(/^#\/coach\?trade=/);
    const tradeId = decodeURIComponent(href.split('trade=')[1] ?? '');
    await citation.click();
    await expect.poll(() => answers.count()).toBe(2);
    const review = (await answers.nth(1).textContent()) ?? '';
    expect(review).toContain('Trade review');
    expect(review).toContain('Against your own record');
    expect(await answers.nth(1).getByTestId('coach-citation').first().getAttribute('href')).toBe(
      `#/coach?trade=${encodeURIComponent(tradeId)}`,
    );
    expect(await page.getByRole('tab', { name: 'Review a trade' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('coach-trade').inputValue()).toBe(tradeId);
    await screenshot(page, 'coach-trade');

    // Keyboard only: arrow to the Ask tab, type, Enter.
    await page.getByRole('tab', { name: 'Review a trade' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Ask' }).getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('coach-question').fill('Am I revenge trading?');
    await page.keyboard.press('Enter');
    await expect.poll(() => answers.count()).toBe(3);
    expect(await answers.nth(2).textContent()).toMatch(/revenge trading/i);
    expect(await page.getByTestId('coach-message-user').nth(2).textContent()).toContain('Am I revenge trading?');
    await screenshot(page, 'coach-ask');

    // The conversation is kept: a fresh page shows it again.
    // The link's parameter is gone, so the reload cannot ask for the review again.
    expect(page.url()).toMatch(/#\/coach$/);
    await page.reload();
    await expect.poll(() => page.getByTestId('coach-message-coach').count()).toBe(3);

    // A link to a trade deleted since: said plainly, nothing stored, the page keeps working.
    await page.goto(`${app.server.origin}/#/coach?trade=no-such-trade`);
    await expect.poll(() => page.getByTestId('coach-error').textContent()).toBe('That trade no longer exists.');
    expect(await page.getByTestId('coach-message-coach').count()).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });
});
