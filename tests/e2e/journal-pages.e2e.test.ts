import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { StatsResult } from '../../shared/contract';
import type { JournalEntry, Playbook, PlaybookAdherence } from '../../shared/domain/types';
import { demoInBrowser } from './demo-in-browser';
import { screenshot, settled, watchErrors } from './page-watch';

async function savedState(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
}

const raw = (v: string | number | null) => (v === null ? 'n/a' : String(v));

describe('journal, playbooks and reports (tpj serve + Chromium, 1024 px)', { timeout: 120_000 }, () => {
  const app = demoInBrowser({ trades: 200, seed: 5, viewport: { width: 1024, height: 768 } });
  const rpc = async <T>(method: string, input: object) => (await app.server.rpc(method, input)).value as T;
  // The first visit goes through the address `tpj serve` printed (it carries the access token).
  const open = async (page: Page, hash: string) => {
    await page.goto(app.server.url);
    await page.locator('main[data-page="dashboard"]').waitFor();
    await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
    await page.locator(`main[data-page="${hash.slice(2)}"]`).waitFor();
  };
  const dayEntry = async (day: string) =>
    (await rpc<JournalEntry[]>('journal.list', { kind: 'day', from: day, to: day }))[0];

  it('opens a day from the calendar, keeps its note, mood and pre-market plan over a reload, and undoes', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await open(page, '#/journal');
    await page.getByTestId('pnl-calendar').waitFor();
    await settled(page);
    await screenshot(page, 'journal');

    const all = await rpc<StatsResult>('stats.get', { filter: {} });
    const latest = all.series.daily.at(-1)!;
    await page.getByTestId(`calendar-day-${latest.day}`).click();
    await page.getByTestId('journal-day').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/journal/${latest.day}`);

    // The day's trades, worked out apart from the app: every trade closed that day in the display
    // zone, the same trades whose P&L coloured the calendar day.
    const everything = await rpc<{ items: { id: string; closedAt: number | null }[] }>('trades.list', {
      limit: 1000,
    });
    const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: all.timeZone, dateStyle: 'short' });
    const closed = everything.items.filter((t) => t.closedAt !== null && dayOf.format(t.closedAt) === latest.day);
    expect(closed.length).toBe(latest.trades);
    await expect.poll(() => page.getByTestId('day-trades').getByTestId('trade-row').count()).toBe(closed.length);
    await expect.poll(() => page.getByTestId('figure-trades').getAttribute('data-value')).toBe(String(closed.length));
    expect(await page.getByTestId('figure-net-pnl').locator('dd').first().textContent()).toMatch(/\$[\d,]+\.\d\d/);
    // The day view's net P&L is the calendar day's.
    expect(await page.getByTestId('figure-net-pnl').getAttribute('data-value')).toBe(latest.netPnl);

    // Write the day: mood, the daily note and the pre-market plan; each is saved as it is made.
    const note = 'Patient **morning**, chased the afternoon fade.';
    await page
      .getByTestId('day-mood')
      .getByRole('radio', { name: /^4 of 5/ })
      .click();
    await page.getByTestId('notes-input').fill(note);
    await page.getByTestId('day-pre-market').fill('Watch CPI at 8:30; no trades before 9:45.');
    await page.getByTestId('journal-day-title').click();
    await savedState(page);
    expect(await dayEntry(latest.day)).toMatchObject({
      mood: 4,
      body: note,
      preMarket: 'Watch CPI at 8:30; no trades before 9:45.',
    });
    await screenshot(page, 'journal-day');

    await page.reload();
    await page.getByTestId('day-entry').waitFor();
    expect(await page.getByTestId('notes-input').inputValue()).toBe(note);
    expect(await page.getByTestId('day-pre-market').inputValue()).toBe('Watch CPI at 8:30; no trades before 9:45.');
    const four = page.getByTestId('day-mood').getByRole('radio', { name: /^4 of 5/ });
    expect(await four.getAttribute('aria-checked')).toBe('true');

    // Ctrl+Z on the page takes back the last saved change; Ctrl+Shift+Z makes it again.
    await page
      .getByTestId('day-mood')
      .getByRole('radio', { name: /^2 of 5/ })
      .click();
    await savedState(page);
    expect((await dayEntry(latest.day))?.mood).toBe(2);
    await page.getByTestId('journal-day-title').click();
    await page.keyboard.press('Control+z');
    await savedState(page);
    expect((await dayEntry(latest.day))?.mood).toBe(4);
    expect(await four.getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Control+Shift+z');
    await savedState(page);
    expect((await dayEntry(latest.day))?.mood).toBe(2);

    // A trade of the day opens its detail view.
    const first = page.getByTestId('day-trades').getByTestId('trade-row').first();
    const id = await first.getAttribute('data-trade-id');
    await first.click();
    await page.getByTestId('trade-detail').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/trades/${id}`);

    // A day without trades says so, its figures are n/a, and its notes can still be written.
    await page.evaluate(`window.location.hash = '#/journal/2001-01-01'`);
    await page.getByTestId('day-no-trades').waitFor();
    expect(await page.getByTestId('figure-win-rate').getAttribute('data-value')).toBe('n/a');
    expect(await page.getByTestId('figure-profit-factor').locator('dd').first().textContent()).toBe('n/a');
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|Infinity/);
    await page.getByTestId('day-entry-blank').waitFor();
    expect(await dayEntry('2001-01-01')).toBeUndefined();
    await screenshot(page, 'journal-day-empty');
    // The first edit of a day without an entry creates it.
    await page
      .getByTestId('day-mood')
      .getByRole('radio', { name: /^3 of 5/ })
      .click();
    await savedState(page);
    expect(await dayEntry('2001-01-01')).toMatchObject({ kind: 'day', day: '2001-01-01', mood: 3, body: '' });
    await page.getByTestId('day-post-market').fill('Quiet day off.');
    await page.getByTestId('journal-day-title').click();
    await savedState(page);
    expect(await rpc<JournalEntry[]>('journal.list', { kind: 'day', from: '2001-01-01', to: '2001-01-01' })).toEqual([
      expect.objectContaining({ mood: 3, postMarket: 'Quiet day off.' }),
    ]);

    // Back on the journal, the day is listed and marked in the calendar.
    await page.evaluate(`window.location.hash = '#/journal'`);
    await page.getByTestId('journal-entry').first().waitFor();
    expect(await page.getByTestId('journal-entry').first().textContent()).toContain('Patient morning');
    await page.getByTestId(`calendar-day-${latest.day}`).locator('.calendar__note').waitFor();
    await page.keyboard.press('?');
    await page.getByTestId('help-overlay').getByText('A journal day, the Playbooks page').waitFor();
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('creates a playbook with two rules, reorders, undoes, keeps it over a reload and shows its figures', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await open(page, '#/playbooks');
    await settled(page);
    await page.getByTestId('new-playbook-name').fill('E2E opening drive');
    await page.getByRole('button', { name: 'Create playbook' }).click();
    const card = page.locator('[data-testid=playbook][data-playbook-name="E2E opening drive"]');
    await card.waitFor();
    await card.getByTestId('new-rule').fill('Gap over 2 % on news');
    await card.getByTestId('add-rule').click();
    await card.getByTestId('new-rule').fill('First 5-minute candle closes strong');
    await card.getByTestId('new-rule').press('Enter');
    await expect.poll(() => card.getByTestId('playbook-rule').count()).toBe(2);
    await card.getByTestId('playbook-description').fill('Trade with the opening drive after a news gap.');
    await card.getByTestId('playbook-description').blur();
    await savedState(page);

    const saved = async () =>
      (await rpc<Playbook[]>('playbooks.list', { includeArchived: true })).find((p) => p.name === 'E2E opening drive');
    expect((await saved())?.rules.map((r) => r.text)).toEqual([
      'Gap over 2 % on news',
      'First 5-minute candle closes strong',
    ]);
    expect((await saved())?.description).toBe('Trade with the opening drive after a news gap.');

    await card.getByRole('button', { name: 'Move rule 2 up' }).click();
    await savedState(page);
    expect((await saved())?.rules[0]?.text).toBe('First 5-minute candle closes strong');
    await page.getByRole('heading', { name: 'Playbooks' }).click();
    await page.keyboard.press('Control+z');
    await savedState(page);
    expect((await saved())?.rules[0]?.text).toBe('Gap over 2 % on news');

    await page.reload();
    await card.waitFor();
    await expect.poll(() => card.getByTestId('playbook-rule').count()).toBe(2);
    expect(await card.getByTestId('playbook-rule').first().locator('input').inputValue()).toBe('Gap over 2 % on news');
    // No trade uses it yet: the figures say so rather than showing NaN.
    await expect.poll(() => card.getByTestId('playbook-trades').locator('dd').textContent()).toBe('0');
    expect(await card.getByTestId('playbook-win-rate').locator('dd').textContent()).toBe('n/a');
    expect(await card.getByTestId('playbook-expectancy').locator('dd').textContent()).toBe('n/a');

    // A demo playbook's figures are its bucket of the by-playbook breakdown.
    const stats = await rpc<StatsResult>('stats.get', { filter: {} });
    const used = stats.breakdowns.playbook.find((b) => b.key !== null && b.trades > 0)!;
    const demo = (await rpc<Playbook[]>('playbooks.list', {})).find((p) => p.id === used.key)!;
    const demoCard = page.locator(`[data-testid=playbook][data-playbook-name="${demo.name}"]`);
    expect(await demoCard.getByTestId('playbook-trades').locator('dd').textContent()).toBe(String(used.trades));
    // "All rules kept" counts its trades that ticked every rule, and follows a trade's edit.
    const keptText = () => demoCard.getByTestId('playbook-rules-kept').locator('dd').textContent();
    const before = (await rpc<PlaybookAdherence[]>('playbooks.adherence', {})).find((a) => a.playbookId === demo.id)!;
    expect(await keptText()).toMatch(new RegExp(`^${before.allKept} of ${before.trades} `));
    const [unkept] = (
      await rpc<{ items: { id: string; rulesKept: string[] }[] }>('trades.list', {
        filter: { playbookId: demo.id, status: 'closed' },
        limit: 50,
      })
    ).items.filter((x) => !demo.rules.every((r) => x.rulesKept.includes(r.id)));
    await rpc('trades.update', { id: unkept!.id, patch: { rulesKept: demo.rules.map((r) => r.id) } });
    await expect.poll(keptText).toMatch(new RegExp(`^${before.allKept + 1} of ${before.trades} `));
    expect(await demoCard.getByTestId('playbook-kept-net').locator('dd').textContent()).not.toBe('n/a');
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|Infinity/);
    await screenshot(page, 'playbooks');

    // Archived playbooks leave the list until asked for.
    await card.getByTestId('playbook-archive').click();
    await savedState(page);
    await card.waitFor({ state: 'detached' });
    expect((await saved())?.archived).toBe(true);
    await page.getByLabel(/Show 1 archived playbook/).check();
    await card.waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows every breakdown, follows the side filter, sorts, and exports a table as CSV', async () => {
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await open(page, '#/reports');
    await settled(page);
    const all = await rpc<StatsResult>('stats.get', { filter: {} });

    const tabs = ['playbook', 'tag', 'symbol', 'side', 'weekday', 'hour', 'holding', 'month', 'daily', 'r-multiple'];
    for (const tab of tabs) {
      await page.getByTestId(`reports-tab-${tab}`).click();
      await page.getByTestId(`report-${tab}`).getByTestId('report-table').waitFor();
      expect(await page.getByTestId(`report-${tab}`).getByTestId('bar-chart').count()).toBe(1);
      await screenshot(page, `reports-${tab}`);
    }
    await page.getByTestId('reports-tab-equity').click();
    await page.getByTestId('equity-chart').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|Infinity/);

    // By symbol: one row per symbol, and the side filter changes the figures to the short trades'.
    await page.getByTestId('reports-tab-symbol').click();
    const table = page.getByTestId('report-symbol').getByTestId('report-table');
    const tradesColumn = () => table.locator('td[data-column=trades]').allTextContents();
    await expect.poll(tradesColumn).toEqual(all.breakdowns.symbol.map((b) => b.trades.toLocaleString('en-US')));
    await page.getByTestId('filter-side').selectOption('short');
    const shorts = await rpc<StatsResult>('stats.get', { filter: { side: 'short' } });
    expect(shorts.summary.closedTrades).toBeLessThan(all.summary.closedTrades);
    await expect.poll(tradesColumn).toEqual(shorts.breakdowns.symbol.map((b) => b.trades.toLocaleString('en-US')));

    // The CSV is the table as filtered: its header, then raw figures with n/a for none.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-symbol').getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tpj-by-symbol-\d{4}-\d\d-\d\d\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(lines[0]).toBe('Symbol,Trades,Wins,Losses,Win rate,Net P&L,Avg R,Profit factor');
    const b = shorts.breakdowns.symbol[0]!;
    const expected = [b.key, b.trades, b.wins, b.losses, raw(b.winRate), b.netPnl, raw(b.avgR), raw(b.profitFactor)];
    expect(lines[1]).toBe(expected.join(','));
    expect(lines.length).toBe(shorts.breakdowns.symbol.length + 2); // header, rows, and the final line end

    // Sorting by net P&L puts the best symbol first.
    await table.getByRole('button', { name: /^Net P&L/ }).click();
    const best = [...shorts.breakdowns.symbol].sort((x, y) => Number(y.netPnl) - Number(x.netPnl))[0]!;
    await expect.poll(() => table.locator('tbody tr').first().locator('td').first().textContent()).toBe(best.key);
    await screenshot(page, 'reports');

    // A filter nothing matches: every report says it is empty, nothing reads NaN.
    await page.getByTestId('filter-symbol').fill('NOSUCHSYMBOL');
    await page.getByTestId('report-symbol').getByTestId('report-empty').waitFor();
    await page.getByTestId('stats-no-match').waitFor();
    expect(await page.getByTestId('report-symbol').getByTestId('export-csv').isDisabled()).toBe(true);
    await page.getByTestId('reports-tab-weekday').click();
    await expect.poll(() => table.count()).toBe(0);
    await page.getByTestId('report-weekday').getByTestId('report-table').waitFor();
    expect(await page.getByTestId('report-weekday').locator('td[data-column=winRate]').first().textContent()).toBe(
      'n/a',
    );
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|Infinity/);
    await screenshot(page, 'reports-no-match');
    expect(errors).toEqual([]);
    await page.close();
  });
});
