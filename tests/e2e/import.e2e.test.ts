import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, settled, watchErrors } from './page-watch';
import { useServedJournal } from './served';
import { repoRoot } from './tpj-server';

const ninjaTrader = join(repoRoot, 'tests', 'fixtures', 'brokers', 'ninjatrader8.csv');
const genericCsv = join(repoRoot, 'tests', 'fixtures', 'brokers', 'generic-basic.csv');

/**
 * The next export from the same platform, with one row spoiled: new fill ids and days (so
 * its rows are new to the journal) and the quantity of line 3 unreadable.
 */
function brokenNextExport(dir: string): string {
  const lines = readFileSync(ninjaTrader, 'utf8').split(/\r?\n/);
  const next = lines.map((line, i) => {
    if (i === 0) return line;
    const moved = line
      .replace('3/7/2025', '3/11/2025')
      .replace('3/10/2025', '3/12/2025')
      .replace(/,([abc]\d),(Entry|Exit),/, ',$1-next,$2,');
    return i === 2 ? moved.replace(',Sell,1,', ',Sell,x1,') : moved;
  });
  const file = join(dir, 'ninjatrader8-next.csv');
  writeFileSync(file, next.join('\n'));
  return file;
}

async function openImport(page: Page): Promise<void> {
  await page.getByTestId('nav-import').click();
  await page.locator('main[data-page="import"]').waitFor();
  await settled(page);
}

async function chooseFile(page: Page, file: string): Promise<void> {
  await page.getByTestId('import-file-input').setInputFiles(file);
  await page.getByTestId('import-decision').waitFor();
}

async function tradeCount(page: Page): Promise<string | null> {
  await page.getByTestId('nav-trades').click();
  await page.locator('main[data-page="trades"]').waitFor();
  return page.getByTestId('trades-summary').textContent();
}

describe('importing into an empty journal (tpj serve + Chromium)', { timeout: 90_000 }, () => {
  const served = useServedJournal('import');

  it('previews a NinjaTrader file, imports it once, and refuses nothing twice', async () => {
    const page = await served().browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(served().server.url);
    await openImport(page);
    await screenshot(page, 'import-empty');

    await chooseFile(page, ninjaTrader);
    expect(await page.getByTestId('file-format').textContent()).toMatch(/^NinjaTrader 8 executions/);
    expect(await page.getByTestId('import-totals').textContent()).toBe('7 new executions, 0 already in the journal');
    const plan = page.getByTestId('account-plan');
    expect(await plan.locator('li').allTextContents()).toEqual([
      'Sim101→Sim101new account',
      'PA-APEX-001→PA-APEX-001new account',
    ]);
    expect(await page.getByTestId('preview-trade').count()).toBe(3);
    await screenshot(page, 'import-preview');

    // The import button has the focus after the first preview: Enter imports.
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.getByTestId('summary-new').textContent()).toBe('7');
    expect(await summary.getByTestId('summary-created').textContent()).toBe('3');
    expect(await summary.getByTestId('summary-accounts').textContent()).toMatch(/Sim101/);
    expect(await summary.getByTestId('summary-accounts').textContent()).toMatch(/PA-APEX-001/);
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(1);
    await screenshot(page, 'import-summary');

    await summary.getByTestId('summary-trades-link').click();
    await page.locator('main[data-page="trades"]').waitFor();
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 3 of 3 trades');
    await expect.poll(() => page.getByTestId('status-trades').textContent()).toBe('3 trades');

    // The same file again: everything is already in the journal, so there is nothing to import.
    await openImport(page);
    await chooseFile(page, ninjaTrader);
    expect(await page.getByTestId('import-totals').textContent()).toBe(
      'Nothing new: 7 executions already in the journal',
    );
    const counts = page.getByTestId('file-counts');
    expect(await counts.locator('dd').allTextContents()).toEqual(['0', '7', '0', '0']);
    expect(await page.getByRole('button', { name: 'Nothing to import' }).isDisabled()).toBe(true);
    expect(await plan.locator('li').allTextContents()).toEqual([
      'Sim101→Sim101existing',
      'PA-APEX-001→PA-APEX-001existing',
    ]);
    await screenshot(page, 'import-duplicates');

    // Escape drops the preview and brings back the empty drop zone.
    await page.keyboard.press('Escape');
    await page.getByTestId('import-decision').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Drop your broker’s export files here' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a bad row with its line and imports the valid rows when asked', async () => {
    const page = await served().browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${served().server.origin}/#/import`);
    await settled(page);

    await chooseFile(page, brokenNextExport(served().dataDir));
    const issues = page.getByTestId('import-errors');
    expect(await issues.locator('li').allTextContents()).toEqual(['Line 3 · QuantityQuantity: "x1" is not a number']);
    expect(await page.getByTestId('import-totals').textContent()).toBe('6 new executions, 0 already in the journal');
    await screenshot(page, 'import-errors');

    await page.getByRole('button', { name: /^Import the 6 valid rows$/ }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.getByTestId('summary-new').textContent()).toBe('6');
    expect(await summary.textContent()).toContain('1 row could not be read and was left out.');
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(2);
    expect(await page.getByTestId('history-row').first().locator('td').nth(5).textContent()).toBe('1');
    await expect.poll(() => tradeCount(page)).toBe('Showing 6 of 6 trades');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds a round trip typed by hand', async () => {
    const page = await served().browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${served().server.origin}/#/import`);
    await settled(page);
    await page.getByRole('tab', { name: 'Add trades by hand' }).click();
    const form = page.getByTestId('manual-form');
    await form.getByTestId('manual-account').selectOption({ label: 'Sim101' });

    await form.getByRole('button', { name: 'Add a round trip' }).click();
    expect(await form.getByTestId('fill-row').count()).toBe(2);
    // An empty exit is refused field by field, and the first wrong field gets the focus.
    await form.getByRole('button', { name: 'Add 2 fills' }).click();
    await expect.poll(() => form.getByText('Enter the symbol.').count()).toBe(2);
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe('Symbol, fill 1');

    const fill = async (n: number, values: { symbol: string; quantity: string; price: string; at: string }) => {
      await form.getByLabel(`Symbol, fill ${n}`).fill(values.symbol);
      await form.getByLabel(`Quantity, fill ${n}`).fill(values.quantity);
      await form.getByLabel(`Price, fill ${n}`).fill(values.price);
      await form.getByLabel(`Fee, fill ${n}`).fill('1.00');
      await form.getByLabel(`Date and time, fill ${n}`).fill(values.at);
    };
    await fill(1, { symbol: 'aapl', quantity: '100', price: '190.50', at: '2025-03-14T09:30:00' });
    await fill(2, { symbol: 'AAPL', quantity: '100', price: '191.25', at: '2025-03-14T10:15:00' });
    expect(await form.getByLabel('Side, fill 2').inputValue()).toBe('sell');
    await screenshot(page, 'import-manual');

    await form.getByLabel('Price, fill 2').press('Enter');
    const summary = page.getByTestId('manual-summary');
    await summary.waitFor();
    expect(await summary.getByRole('heading').textContent()).toBe('Added to Sim101');
    expect(await summary.getByTestId('summary-new').textContent()).toBe('2');
    expect(await summary.getByTestId('summary-created').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(3);

    await summary.getByTestId('summary-trades-link').click();
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 7 of 7 trades');
    const aapl = page.getByTestId('trade-row').filter({ hasText: 'AAPL' });
    expect(await aapl.count()).toBe(1);
    // 100 × 0.75 less 2.00 of fees.
    expect(await aapl.locator('td.pnl').textContent()).toBe('$73.00');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('maps the columns of a CSV no reader knows, from a guess, and keeps the mapping as a preset', async () => {
    const page = await served().browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${served().server.origin}/#/import`);
    await settled(page);
    await page.getByTestId('import-file-input').setInputFiles(genericCsv);

    const failure = page.getByTestId('import-failure');
    await failure.waitFor();
    expect(await failure.getByRole('heading').textContent()).toBe('generic-basic.csv was not recognised');
    const editor = page.getByTestId('mapping-editor');
    await editor.waitFor();
    // Pre-filled from the header row.
    const column = (name: string) => editor.getByRole('combobox', { name, exact: true });
    expect(await column('Date and time column').inputValue()).toBe('Date/Time');
    expect(await column('Symbol').inputValue()).toBe('Symbol');
    expect(await column('Quantity').inputValue()).toBe('Qty');
    expect(await editor.getByRole('checkbox', { name: 'Commission' }).isChecked()).toBe(true);
    await screenshot(page, 'import-mapping');

    await editor.getByLabel('Save as').fill('Basic CSV');
    await editor.getByRole('button', { name: 'Save preset' }).click();
    await editor.getByText('Saved as “Basic CSV”.').waitFor();
    await editor.getByRole('button', { name: 'Preview with this mapping' }).click();
    await page.getByTestId('import-decision').waitFor();
    expect(await page.getByTestId('file-format').textContent()).toMatch(/^CSV with a custom column mapping/);
    expect(await page.getByTestId('import-totals').textContent()).toBe('5 new executions, 0 already in the journal');
    expect(await page.getByTestId('import-errors').locator('li').count()).toBe(4);

    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('import-decision').waitFor({ state: 'detached' });
    const presets = (await served().server.rpc('import.presets.list', {})).value as { name: string }[];
    expect(presets.map((p) => p.name)).toEqual(['Basic CSV']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 1024 px window in the dark theme', async () => {
    expect((await served().server.rpc('settings.update', { patch: { theme: 'dark' } })).ok).toBe(true);
    const page = await served().browser.context.newPage();
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(`${served().server.origin}/#/import`);
    await settled(page);
    await chooseFile(page, brokenNextExport(served().dataDir));
    // The theme follows the settings, which may answer after the preview when the machine is busy.
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
    // Already imported in the test before: the readable rows bring nothing new, so nothing is offered.
    expect(await page.getByRole('button', { name: 'Nothing to import' }).isDisabled()).toBe(true);
    await screenshot(page, 'import-errors-1024-dark');
    await page.getByRole('tab', { name: 'Add trades by hand' }).click();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
    // Every column of the fills table, the remove buttons included, shows without scrolling sideways.
    // A string expression: this file is type-checked for Node, where DOM types do not resolve.
    const fitsCard = `(() => {
      const table = document.querySelector('[data-testid="fills-table"]');
      return table !== null && table.scrollWidth <= (table.parentElement?.clientWidth ?? 0);
    })()`;
    expect(await page.evaluate(fitsCard)).toBe(true);
    await screenshot(page, 'import-manual-1024-dark');
    expect(errors).toEqual([]);
    await page.close();
  });
});
