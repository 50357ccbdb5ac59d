import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoInBrowser } from './demo-in-browser';
import { screenshot, settled, watchErrors } from './page-watch';
import { solidPng } from './png';

type TradeView = { id: string; side: 'long' | 'short'; entryPrice: string; stopPrice: string | null; notes: string };
type TradeDetailView = TradeView & {
  rating: number | null;
  tagIds: string[];
  rMultiple: string | null;
  rulesKept: string[];
};

/** The trade row that has the keyboard focus (a string expression: this file has no DOM types). */
function focusedTradeId(page: Page): Promise<string | null> {
  return page.evaluate<string | null>("document.activeElement?.getAttribute('data-trade-id') ?? null");
}

/** The decoded width of an image (0 until it has loaded), so a broken or blocked image fails. */
function imageWidth(page: Page, selector: string): Promise<number> {
  return page.evaluate<number>(`document.querySelector(${JSON.stringify(selector)})?.naturalWidth ?? 0`);
}

async function savedState(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
}

describe('the trade detail view (tpj serve + Chromium, 1024 px)', { timeout: 90_000 }, () => {
  const app = demoInBrowser({ trades: 120, seed: 11, viewport: { width: 1024, height: 768 } });

  const get = async (id: string) => (await app.server.rpc('trades.get', { id })).value as TradeDetailView;

  it('opens a trade from the list, keeps note, tag and stop over a reload, undoes, and attaches a screenshot', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(app.server.url);
    await page.getByTestId('nav-trades').click();
    await settled(page);

    // Open the third trade from the keyboard: focus the first row, move down twice, Enter.
    const rows = page.getByTestId('trades-table').getByTestId('trade-row');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const id = (await rows.nth(2).getAttribute('data-trade-id'))!;
    await page.keyboard.press('Enter');
    await page.getByTestId('trade-detail').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/trades/${id}`);
    const before = await get(id);
    expect(await page.getByTestId('execution-row').count()).toBeGreaterThan(1);
    // The candle chart where the demo has ticks around the trade, else the SVG fills chart.
    await page.locator('[data-testid=price-chart], [data-testid=candle-chart]').first().waitFor();
    // Back goes through history to the list it came from, onto the same row; a click opens it again.
    await page.getByTestId('back-to-trades').click();
    await expect.poll(() => focusedTradeId(page)).toBe(id);
    expect(new URL(page.url()).hash).toBe('#/trades');
    await rows.nth(2).click();
    await page.getByTestId('trade-detail').waitFor();

    // Notes, saved after a pause in typing.
    const notes = '## Review\n\n**Held** the plan\n- waited for the pullback';
    await page.getByTestId('notes-input').fill(notes);
    await savedState(page);
    // A tag created on the spot.
    await page.getByTestId('tags-input').fill('e2e review');
    await page.getByTestId('tags-input').press('Enter');
    await page.getByTestId('tags-chip').filter({ hasText: 'e2e review' }).waitFor();
    await savedState(page);
    // A refused stop says why and saves nothing; a valid one saves and R follows.
    const stopInput = page.getByTestId('stop-input');
    await stopInput.fill('-3');
    await stopInput.press('Enter');
    await page.getByText('Enter a number greater than zero.').waitFor();
    const entry = Number(before.entryPrice);
    const stop = (before.side === 'long' ? entry * 0.98 : entry * 1.02).toFixed(2);
    await stopInput.fill(stop);
    await stopInput.press('Enter');
    await savedState(page);
    const saved = await get(id);
    expect(saved.stopPrice).toBe(stop);
    expect(saved.notes).toBe(notes);
    expect(saved.rMultiple).not.toBeNull();
    expect(await page.getByTestId('figure-r').textContent()).toMatch(/^[+-]?\d+\.\d\dR$/);
    await page.getByTestId('chart-stop').waitFor();

    await page.reload();
    await page.getByTestId('trade-detail').waitFor();
    expect(await page.getByTestId('notes-input').inputValue()).toBe(notes);
    expect(await page.getByTestId('stop-input').inputValue()).toBe(stop);
    await page.getByTestId('tags-chip').filter({ hasText: 'e2e review' }).waitFor();
    await page.getByTestId('notes-preview-tab').click();
    expect(await page.getByTestId('notes-preview').innerHTML()).toContain('<strong>Held</strong>');

    // Ctrl+Z takes back the last saved change (a rating), from the page.
    const newRating = before.rating === 5 ? 2 : 5;
    await page.getByRole('radio', { name: new RegExp(`^${newRating} of 5`) }).click();
    await savedState(page);
    expect((await get(id)).rating).toBe(newRating);
    await page.getByTestId('trade-title').click();
    await page.keyboard.press('Control+z');
    await savedState(page);
    expect((await get(id)).rating).toBe(before.rating);
    expect(await page.getByRole('radio', { name: new RegExp(`^${newRating} of 5`) }).getAttribute('aria-checked')).toBe(
      'false',
    );

    // A screenshot from the file picker, opened full size and closed with Esc.
    await page.getByTestId('screenshot-picker').setInputFiles({
      name: 'entry.png',
      mimeType: 'image/png',
      buffer: solidPng(48, 32, [200, 40, 40]),
    });
    const thumb = page.getByTestId('screenshot').locator('img');
    await thumb.waitFor();
    await expect.poll(() => imageWidth(page, '[data-testid=screenshot] img')).toBe(48);
    await page.getByRole('button', { name: 'Open entry.png full size' }).click();
    await page.getByTestId('screenshot-overlay').locator('img').waitFor();
    await expect.poll(() => imageWidth(page, '[data-testid=screenshot-overlay] img')).toBe(48);
    await screenshot(page, 'trade-detail-screenshot');
    await page.keyboard.press('Escape');
    await page.getByTestId('screenshot-overlay').waitFor({ state: 'detached' });
    // An image pasted from the clipboard (apps name it image.png) is attached under a dated name.
    const pasted = solidPng(20, 10, [40, 90, 200]).toString('base64');
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob('${pasted}'), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await expect.poll(() => page.getByTestId('screenshot').count()).toBe(2);
    await page.getByRole('button', { name: /^Open pasted-\d{4}-\d\d-\d\d-[\d-]+\.png full size$/ }).waitFor();
    // A dropped file that is not an image is refused in words.
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.items.add(new File(['not an image'], 'notes.txt', { type: 'text/plain' }));
      const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
      document.querySelector('[data-testid=screenshots]').dispatchEvent(drop);
    })()`);
    await page.getByText('“notes.txt” is not a PNG, JPEG, GIF or WebP image').waitFor();
    expect(((await app.server.rpc('attachments.list', { tradeId: id })).value as unknown[]).length).toBe(2);

    await page.getByTestId('trade-title').click();
    await page.keyboard.press('?');
    await page
      .getByTestId('help-overlay')
      .getByText('Undo the last saved change (in a box with unsaved typing: undo the typing)', { exact: true })
      .waitFor();
    // Focus stays in the dialog while it is open.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate<boolean>(
        "document.querySelector('[data-testid=help-overlay]').contains(document.activeElement)",
      ),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('help-overlay').waitFor({ state: 'detached' });

    await screenshot(page, 'trade-detail');

    // After a reload Back still lands on the list, with the trade's row in focus.
    await page.getByTestId('back-to-trades').click();
    await page.getByTestId('trades-table').waitFor();
    await expect.poll(() => focusedTradeId(page)).toBe(id);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so when the trade does not exist', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.server.origin}/#/trades/not-a-trade`);
    await page.getByTestId('trade-not-found').waitFor();
    await page.getByRole('link', { name: 'Back to trades' }).click();
    await page.getByTestId('trades-table').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a trade from the dashboard and goes back there', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.server.origin}/#/dashboard`);
    await page.getByTestId('trade-row').first().click();
    await page.getByTestId('trade-detail').waitFor();
    expect(await page.getByTestId('back-to-trades').textContent()).toBe('← Dashboard');
    await page.getByTestId('back-to-trades').click();
    await page.locator('main[data-page="dashboard"]').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("ticks off the playbook's rules the trade kept, and they stay ticked over a reload", async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    const playbooks = (await app.server.rpc('playbooks.list', { includeArchived: false })).value as {
      id: string;
      rules: { id: string; text: string }[];
    }[];
    const playbook = playbooks.find((p) => p.rules.length >= 2);
    if (!playbook) throw new Error('the demo journal has no playbook with two rules');
    const trade = ((await app.server.rpc('trades.list', { limit: 3 })).value as { items: { id: string }[] }).items[2]!;
    // The demo ticks rules on the trades it rated: start this one from none.
    await app.server.rpc('trades.update', { id: trade.id, patch: { rulesKept: [] } });
    await page.goto(`${app.server.origin}/#/trades/${trade.id}`);
    await page.getByTestId('playbook-select').selectOption(playbook.id);
    const rules = page.getByTestId('playbook-rule');
    await expect.poll(() => rules.count()).toBe(playbook.rules.length);
    await rules.nth(1).check();
    await savedState(page);
    await page.reload();
    await expect.poll(() => page.getByTestId('playbook-rule').nth(1).isChecked()).toBe(true);
    expect(await page.getByTestId('playbook-rule').nth(0).isChecked()).toBe(false);
    expect(await page.getByTestId('rules-kept-summary').textContent()).toBe(
      `Kept 1 of ${playbook.rules.length} rules.`,
    );
    expect((await get(trade.id)).rulesKept).toEqual([playbook.rules[1]!.id]);
    await screenshot(page, 'trade-detail-rules-kept');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("asks the coach for the trade's review", async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    const newest = ((await app.server.rpc('trades.list', { limit: 1 })).value as { items: { id: string }[] }).items[0]!;
    await page.goto(`${app.server.origin}/#/trades/${newest.id}`);
    await page.getByTestId('review-with-coach').click();
    await page.locator('main[data-page="coach"]').waitFor();
    // The review cites the trade it reviews.
    const citations = page.getByTestId('coach-message-coach').first().getByTestId('coach-citation');
    await expect.poll(() => citations.count()).toBeGreaterThan(0);
    const hrefs = await Promise.all((await citations.all()).map((link) => link.getAttribute('href')));
    expect(hrefs).toContain(`#/coach?trade=${newest.id}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('deletes a trade after a second, explicit step and returns to the list', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    const newest = ((await app.server.rpc('trades.list', { limit: 1 })).value as { items: { id: string }[] }).items[0]!;
    await page.goto(`${app.server.origin}/#/trades/${newest.id}`);
    await page.getByTestId('trade-detail').waitFor();
    await page.getByRole('button', { name: 'Delete trade…' }).click();
    await page.getByRole('button', { name: 'Keep' }).click();
    expect((await app.server.rpc('trades.get', { id: newest.id })).ok).toBe(true);
    await page.getByRole('button', { name: 'Delete trade…' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByTestId('trades-table').waitFor();
    expect(new URL(page.url()).hash).toBe('#/trades');
    expect((await app.server.rpc('trades.get', { id: newest.id })).error?.code).toBe('NOT_FOUND');
    expect(errors).toEqual([]);
    await page.close();
  });

  // Last: it stops the journal's server.
  it('says an edit was not saved when the journal cannot be reached', async () => {
    const page = await app.browser.context.newPage();
    const trade = ((await app.server.rpc('trades.list', { limit: 1 })).value as { items: TradeView[] }).items[0]!;
    await page.goto(`${app.server.origin}/#/trades/${trade.id}`);
    await page.getByTestId('trade-detail').waitFor();
    await app.server.stop();
    await page.getByTestId('target-input').fill('123.5');
    await page.getByTestId('target-input').press('Enter');
    await expect
      .poll(() => page.getByTestId('save-state').textContent())
      .toMatch(/^Not saved: The journal is not reachable/);
    // The typed value stays on screen to be sent again.
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    expect(await page.getByTestId('target-input').inputValue()).toBe('123.5');
    // What was on screen stays readable.
    await page.getByTestId('executions-table').waitFor();
    await page.close();
  });
});
