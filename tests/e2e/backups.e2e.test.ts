import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../support/browser';
import { screenshot, settled, watchErrors } from './page-watch';
import { assertBuilt, runTpj, serveJournal, type ServedJournal } from './tpj-server';

type Status = { deviceId: string; counts: { trades: number } };
type Backup = { file: string; createdAt: number };

async function openBackups(page: Page): Promise<void> {
  await page.getByTestId('nav-backups').click();
  await page.locator('main[data-page="backups"]').waitFor();
  await settled(page);
}

/** A copy of `file` with one byte in the middle flipped: a backup damaged on its drive. */
function damagedCopy(file: string, dir: string): string {
  const bytes = readFileSync(file);
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
  const copy = join(dir, 'damaged.tpjbak');
  writeFileSync(copy, bytes);
  return copy;
}

describe('backups in the browser (tpj serve + Chromium)', { timeout: 120_000 }, () => {
  let dataDir = '';
  let scratch = '';
  let server: ServedJournal | undefined;
  let browser: LaunchedChromium | undefined;

  const rpcValue = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await server!.rpc(method, input);
    if (!result.ok) throw new Error(`${method} refused: ${result.error?.message}`);
    return result.value as T;
  };

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-e2e-backups-'));
    scratch = mkdtempSync(join(tmpdir(), 'tpj-e2e-backups-scratch-'));
    runTpj(dataDir, ['demo', '--trades', '200', '--seed', '11']);
    server = await serveJournal(dataDir);
    // A journal never backed up gets a catch-up backup a minute after start; the tests make their own.
    await rpcValue('backups.settings.update', { patch: { scheduleEnabled: false } });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('backs up, checks, restores a deleted trade from the list, and refuses a damaged archive', async () => {
    const page = await browser!.context.newPage();
    const errors = watchErrors(page);
    await page.goto(server!.url);
    await openBackups(page);
    await page.getByTestId('backups-empty').waitFor();
    await screenshot(page, 'backups-empty');

    // Before the first backup the report warns about it, and the warning comes first.
    await page.getByRole('button', { name: 'Run checks' }).click();
    const checks = page.getByTestId('integrity-row');
    await expect
      .poll(() => page.getByTestId('integrity-headline').textContent(), { timeout: 20_000 })
      .toBe('1 warning');
    expect(await checks.first().locator('th').textContent()).toBe('Backup freshness');
    expect(await checks.first().locator('[data-status]').getAttribute('data-status')).toBe('warn');
    await screenshot(page, 'backups-checks-warning');

    await page.getByTestId('backup-now').click();
    const outcome = page.getByTestId('backup-outcome');
    await expect.poll(() => outcome.textContent()).toMatch(/^Backed up and verified: [\d.]+ MB, 200 trades\.$/);
    const rows = page.getByTestId('backup-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByTestId('backup-verified').textContent()).toBe('Verified');
    await expect.poll(() => page.getByTestId('status-backup').textContent()).not.toBe('Last backup: never');

    await page.getByRole('button', { name: 'Run checks again' }).click();
    // The last report is hidden while the checks run again; a loaded CI machine takes seconds.
    await expect
      .poll(() => page.getByTestId('integrity-headline').textContent(), { timeout: 20_000 })
      .toBe('Every check passed');
    expect(await checks.count()).toBeGreaterThan(5);
    const badges = await checks.locator('[data-status]').all();
    const statuses = await Promise.all(badges.map((badge) => badge.getAttribute('data-status')));
    expect(statuses.every((s) => s === 'pass' || s === 'n/a')).toBe(true);
    await screenshot(page, 'backups-list-and-checks');

    // Another client deletes a trade after the backup.
    const before = await rpcValue<Status>('app.status', {});
    const newest = await rpcValue<{ items: { id: string }[] }>('trades.list', { limit: 1 });
    await rpcValue('trades.delete', { id: newest.items[0]!.id });
    await expect.poll(() => page.getByTestId('status-trades').textContent()).toBe('199 trades');

    // Restore from the list: the summary first, and Escape leaves it without changing anything.
    const restoreButton = rows.first().getByRole('button', { name: /^Restore the backup of / });
    await restoreButton.click();
    const headline = page.getByTestId('restore-headline');
    await expect.poll(() => headline.textContent()).toMatch(/^Restoring returns the journal to how it was on /);
    expect(await page.getByTestId('restore-live-now').textContent()).toMatch(/^The journal shows 199 trades, /);
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.testid')).toBe('restore-confirm-input');
    await page.keyboard.press('Escape');
    await page.getByTestId('restore-inspection').waitFor({ state: 'detached' });

    await restoreButton.click();
    await page.getByTestId('restore-confirm').waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.testid')).toBe('restore-confirm-input');
    // Enter does nothing until the word is typed.
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('restore-result').count()).toBe(0);
    await page.keyboard.type('RESTORE');
    await screenshot(page, 'backups-restore-confirm');
    await page.keyboard.press('Enter');

    const result = page.getByTestId('restore-result');
    await result.waitFor();
    await expect.poll(() => page.getByTestId('status-trades').textContent()).toBe('200 trades');
    expect(await result.getByTestId('restore-safety-copy').textContent()).toMatch(/pre-restore-\d{8}T\d{6}Z\.sqlite$/);
    const after = await rpcValue<Status>('app.status', {});
    expect(after.counts.trades).toBe(200);
    expect(after.deviceId).not.toBe(before.deviceId);
    expect(await result.getByTestId('restore-device').textContent()).toBe(after.deviceId);
    const trades = result.getByTestId('restore-live-comparison').getByTestId('comparison-row').first();
    await expect.poll(() => trades.locator('th, td').allTextContents()).toEqual(['Trades', '199', '200', '+1']);
    await screenshot(page, 'backups-restored');

    await result.getByRole('link', { name: 'See the trades' }).click();
    await page.locator('main[data-page="trades"]').waitFor();
    await expect.poll(() => page.getByTestId('trades-summary').textContent()).toBe('Showing 100 of 200 trades');

    // A damaged copy of the backup, typed as a path: checked, confirmed, and refused in place.
    const [backup] = await rpcValue<Backup[]>('backups.list', {});
    const damaged = damagedCopy(backup!.file, scratch);
    await openBackups(page);
    await page.getByTestId('restore-path').fill(damaged);
    await page.getByRole('button', { name: 'Check this backup' }).click();
    await page.getByTestId('restore-confirm-input').fill('restore');
    await page.getByRole('button', { name: 'Replace the journal with this backup' }).click();
    const failure = page.getByTestId('restore-failure');
    await failure.waitFor();
    expect(await failure.getByRole('heading').textContent()).toBe('This backup was not restored');
    expect(await failure.textContent()).toContain('does not match its checksum');
    expect(await failure.textContent()).toContain('not changed');
    const unchanged = await rpcValue<Status>('app.status', {});
    expect(unchanged.counts.trades).toBe(200);
    expect(unchanged.deviceId).toBe(after.deviceId);
    expect(await page.getByTestId('status-trades').textContent()).toBe('200 trades');
    await screenshot(page, 'backups-refused');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports to a folder it then remembers, and saves the schedule after checking it', async () => {
    const page = await browser!.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server!.origin}/#/backups`);
    await settled(page);
    const folder = join(scratch, 'usb drive');
    mkdirSync(folder);

    await page.getByRole('button', { name: 'Export to folder…' }).click();
    const exportForm = page.getByTestId('export-form');
    await exportForm.getByLabel('Folder on this computer').fill('relative/folder');
    await exportForm.getByRole('button', { name: 'Export a backup here' }).click();
    await exportForm.getByText(/^Enter the full path/).waitFor();
    await exportForm.getByLabel('Folder on this computer').fill(`"${folder}"`);
    await exportForm.getByLabel('Folder on this computer').press('Enter');
    await expect
      .poll(() => page.getByTestId('backup-outcome').textContent())
      .toMatch(/^Backed up to the export folder and verified/);
    const exported = page.getByTestId('backup-row').filter({ hasText: 'Export folder' });
    await expect.poll(() => exported.count()).toBe(1);
    expect(await exported.locator('.backups-table__path').textContent()).toBe(folder);

    const form = page.getByTestId('schedule-form');
    await expect.poll(() => form.getByTestId('schedule-export-folder').inputValue()).toBe(folder);
    expect(await page.getByTestId('schedule-summary').textContent()).toBe('Off');
    await form.getByTestId('schedule-choice').selectOption('every-6h');
    expect(await form.getByTestId('schedule-cron').inputValue()).toBe('0 */6 * * *');
    await form.getByTestId('schedule-keep-days').fill('-1');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await form.getByText('Enter a whole number of days from 0 to 3650.').waitFor();
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('schedule-keep-days');
    await form.getByTestId('schedule-keep-days').fill('14');
    await form.getByTestId('schedule-keep-last').fill('5');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await form.getByText('Saved.').waitFor();
    expect(await page.getByTestId('schedule-summary').textContent()).toBe('Every 6 hours');
    expect(await rpcValue('backups.settings.get', {})).toMatchObject({
      schedule: '0 */6 * * *',
      scheduleEnabled: true,
      keepDays: 14,
      keepLast: 5,
      exportFolder: folder,
    });

    // An expression with the right shape but an impossible hour: the core's words, on the field.
    await form.getByTestId('schedule-cron').fill('0 25 * * *');
    expect(await form.getByTestId('schedule-choice').inputValue()).toBe('custom');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await form.getByText(/expected range 0-23/).waitFor();
    expect(await form.getByTestId('schedule-cron').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'backups-schedule-error');
    expect((await rpcValue<{ schedule: string }>('backups.settings.get', {})).schedule).toBe('0 */6 * * *');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits 1280 and 1024 px windows in the light and dark themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await rpcValue('settings.update', { patch: { theme } });
      for (const width of [1280, 1024]) {
        const page = await browser!.context.newPage();
        const errors = watchErrors(page);
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${server!.origin}/#/backups`);
        await settled(page);
        await page.getByRole('button', { name: 'Run checks' }).click();
        await page.getByTestId('integrity-table').waitFor();
        await page
          .getByTestId('backup-row')
          .first()
          .getByRole('button', { name: /^Restore the backup of / })
          .click();
        await page.getByTestId('restore-confirm').waitFor();
        await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe(theme);
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
        await screenshot(page, `backups-${width}-${theme}`);
        await page.keyboard.press('Escape');
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  });

  it('shows the next scheduled run, deletes a backup after confirming, and keeps the only verified one', async () => {
    const page = await browser!.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server!.origin}/#/backups`);
    await settled(page);
    // The previous test turned the schedule on, every 6 hours.
    await expect.poll(() => page.getByTestId('backup-next-run').textContent()).toMatch(/^Next scheduled backup: .+\.$/);
    expect(await page.getByTestId('backup-last-failure').count()).toBe(0);

    const rows = page.getByTestId('backup-row');
    await expect.poll(() => rows.count()).toBe(2);
    const exported = rows.filter({ hasText: 'Export folder' });
    await exported.getByTestId('backup-delete').click();
    const confirm = page.getByTestId('backup-delete-confirm');
    await expect.poll(() => confirm.textContent()).toMatch(/cannot be restored afterwards/);
    // Escape keeps it.
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(2);

    await exported.getByTestId('backup-delete').click();
    await screenshot(page, 'backups-delete-confirm');
    await page.getByTestId('backup-delete-yes').click();
    const outcome = page.getByTestId('backup-outcome');
    await expect.poll(() => outcome.textContent()).toMatch(/^Deleted .+\.tpjbak\.$/);
    await expect.poll(() => rows.count()).toBe(1);
    expect((await rpcValue<Backup[]>('backups.list', {})).length).toBe(1);

    // The last verified backup stays, and the page says why.
    await rows.first().getByTestId('backup-delete').click();
    await page.getByTestId('backup-delete-yes').click();
    await expect
      .poll(() => outcome.textContent())
      .toMatch(/^The backup was not deleted: This is your only verified backup/);
    expect(await rows.count()).toBe(1);
    await screenshot(page, 'backups-delete-refused');
    expect(errors).toEqual([]);
    await page.close();
  });
});
