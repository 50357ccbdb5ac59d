import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Account, Settings } from '../../shared/domain/types';
import { demoInBrowser } from './demo-in-browser';
import { screenshot, settled, watchErrors } from './page-watch';

describe('Settings › Accounts and preferences in a real browser', { timeout: 120_000 }, () => {
  const app = demoInBrowser({ trades: 80, seed: 21 });
  const rpc = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await app.server.rpc(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
    return result.value as T;
  };
  const accounts = () => rpc<Account[]>('accounts.list', {});
  const tradeTotal = async (accountIds?: string[]) =>
    (await rpc<{ total: number }>('trades.list', { filter: accountIds ? { accountIds } : {}, limit: 1 })).total;
  const open = async (page: Page) => {
    await page.goto(app.server.url);
    await page.getByTestId('nav-settings').click();
    await page.locator('main[data-page="settings"]').waitFor();
    await settled(page);
  };
  const card = (page: Page) => page.locator('section', { has: page.locator('#accounts-title') });
  const row = (page: Page, name: string) => card(page).locator(`[data-testid="account-row"][data-account="${name}"]`);
  const saved = (page: Page) =>
    expect.poll(() => card(page).getByTestId('save-state').textContent()).toBe('All changes saved');

  it('edits accounts in place from the keyboard, refuses bad values and keeps the edits over a reload', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await open(page);
    const before = await accounts();
    expect(await card(page).getByTestId('account-row').count()).toBe(before.length);
    const [first, second] = before;
    if (!first || !second) throw new Error('the demo should have two accounts');

    // Rename: type, then Tab away; the save shows and the journal has it.
    const name = row(page, first.name).getByRole('textbox', { name: 'Name' });
    await name.fill('Swing (renamed)');
    await page.keyboard.press('Tab');
    await saved(page);
    expect((await accounts()).find((a) => a.id === first.id)).toMatchObject({ name: 'Swing (renamed)' });

    // The broker box took the focus; type a broker and press Enter.
    await page.keyboard.type('Interactive Brokers');
    await page.keyboard.press('Enter');
    await saved(page);

    // Another account's name is refused beside the box, and nothing is saved.
    const renamed = row(page, 'Swing (renamed)');
    await renamed.getByRole('textbox', { name: 'Name' }).fill(second.name.toUpperCase());
    await page.keyboard.press('Enter');
    await expect.poll(() => renamed.getByRole('alert').textContent()).toContain('already exists');
    await page.keyboard.press('Escape');
    expect(await renamed.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Swing (renamed)');

    // A time zone the browser does not know is refused; a real one is saved.
    const zone = renamed.getByRole('combobox', { name: 'Time zone' });
    await zone.fill('Mars/Olympus');
    await page.keyboard.press('Enter');
    await expect.poll(() => renamed.getByRole('alert').textContent()).toContain('is not a time zone');
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    await zone.fill('Europe/Berlin');
    await page.keyboard.press('Enter');
    await saved(page);
    await renamed.getByRole('combobox', { name: 'Currency' }).selectOption('EUR');
    await saved(page);
    expect((await accounts()).find((a) => a.id === first.id)).toMatchObject({
      name: 'Swing (renamed)',
      broker: 'Interactive Brokers',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
    });

    await page.reload();
    await settled(page);
    const after = row(page, 'Swing (renamed)');
    expect(await after.getByRole('textbox', { name: 'Broker' }).inputValue()).toBe('Interactive Brokers');
    expect(await after.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Europe/Berlin');
    expect(await after.getByRole('combobox', { name: 'Currency' }).inputValue()).toBe('EUR');
    await screenshot(page, 'settings-accounts');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds an account, and deletes one only after saying what happens to its trades', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await open(page);
    const add = card(page).getByTestId('add-account');
    await add.getByRole('textbox', { name: 'New account' }).fill('Scratch');
    await page.keyboard.press('Enter');
    await row(page, 'Scratch').waitFor();
    expect((await accounts()).map((a) => a.name)).toContain('Scratch');

    // An empty account: the second step says so, and deleting it removes the row.
    await row(page, 'Scratch').getByRole('button', { name: 'Delete Scratch…' }).click();
    const emptyStep = row(page, 'Scratch').getByTestId('delete-account');
    expect(await emptyStep.textContent()).toContain('It has no trades.');
    await emptyStep.getByRole('button', { name: 'Delete account' }).click();
    await row(page, 'Scratch').waitFor({ state: 'detached' });

    // An account with trades: the count is named; Escape backs out and keeps everything.
    const target = (await accounts())[0]!;
    const own = await tradeTotal([target.id]);
    const total = await tradeTotal();
    expect(own).toBeGreaterThan(0);
    await row(page, target.name)
      .getByRole('button', { name: `Delete ${target.name}…` })
      .click();
    const step = row(page, target.name).getByTestId('delete-account');
    await expect.poll(() => step.textContent()).toContain(`has ${own} trade`);
    // "Keep" has the focus, so Enter or Escape can never delete by accident.
    expect(await step.locator('button:focus').textContent()).toBe('Keep');
    await screenshot(page, 'settings-delete-account');
    await page.keyboard.press('Escape');
    await step.waitFor({ state: 'detached' });
    expect(await tradeTotal()).toBe(total);

    await row(page, target.name)
      .getByRole('button', { name: `Delete ${target.name}…` })
      .click();
    await step.getByRole('button', { name: `Delete account and its ${own} trades` }).click();
    await row(page, target.name).waitFor({ state: 'detached' });
    expect(await tradeTotal()).toBe(total - own);
    expect((await accounts()).map((a) => a.id)).not.toContain(target.id);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('applies the theme, base currency and display time zone as they are picked', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await open(page);
    await page.getByTestId('settings-theme').selectOption('dark');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByTestId('settings-zone').selectOption('Asia/Tokyo');
    await page.getByTestId('settings-currency').selectOption('EUR');
    const prefs = page.getByTestId('settings-form');
    await expect.poll(() => prefs.getByTestId('save-state').textContent()).toBe('All changes saved');
    expect(await rpc<Settings>('settings.get', {})).toMatchObject({
      theme: 'dark',
      displayTimeZone: 'Asia/Tokyo',
      baseCurrency: 'EUR',
    });
    await page.reload();
    await settled(page);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.getByTestId('settings-zone').inputValue()).toBe('Asia/Tokyo');
    await screenshot(page, 'settings-dark');
    await page.getByTestId('settings-theme').selectOption('light');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
    expect(errors).toEqual([]);
    await page.close();
  });
});
