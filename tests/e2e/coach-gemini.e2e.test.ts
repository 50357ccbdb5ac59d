import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../support/browser';
import { startGeminiDouble, type GeminiDouble } from '../support/gemini-double';
import { screenshot, settled, watchErrors } from './page-watch';
import { assertBuilt, runTpj, serveJournal, type ServedJournal } from './tpj-server';

const KEY = 'e2e-gemini-key-0123';

describe('the Gemini coach in the browser (tpj serve + loopback Gemini double)', { timeout: 90_000 }, () => {
  let dataDir = '';
  let server: ServedJournal | undefined;
  let browser: LaunchedChromium | undefined;
  let double: GeminiDouble | undefined;

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-e2e-gemini-'));
    runTpj(dataDir, ['demo', '--trades', '200', '--seed', '5']);
    double = await startGeminiDouble(KEY);
    server = await serveJournal(dataDir, { GEMINI_API_KEY: KEY, TPJ_GEMINI_BASE_URL: double.baseUrl });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await double?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows Gemini answering with real citations only, then the local coach and why', async () => {
    const page = await browser!.context.newPage();
    const errors = watchErrors(page);
    const listed = (await server!.rpc('trades.list', { limit: 1 })).value as { items: { id: string }[] };
    const real = listed.items[0]!.id;
    double!.answerText = `Your sizing drifts up after losses, see [this trade](trade:${real}) and [that one](trade:invented-id).`;

    await page.goto(server!.url);
    await page.getByTestId('nav-coach').click();
    await page.locator('main[data-page="coach"]').waitFor();
    await settled(page);
    await expect.poll(() => page.getByTestId('coach-provider').textContent()).toContain('Gemini (gemini-2.5-flash)');

    await page.getByRole('tab', { name: 'Ask' }).click();
    await page.getByTestId('coach-question').fill('Is my sizing consistent?');
    await page.getByTestId('coach-submit').click();
    const answers = page.getByTestId('coach-message-coach');
    await expect.poll(() => answers.count(), { timeout: 20_000 }).toBe(1);
    expect(await answers.first().textContent()).toContain('Your sizing drifts up after losses');
    expect(await answers.first().textContent()).toContain('that one');
    const links = answers.first().getByTestId('coach-citation');
    expect(await links.count()).toBe(1);
    expect(await links.first().getAttribute('href')).toBe(`#/coach?trade=${encodeURIComponent(real)}`);
    expect(await page.getByTestId('coach-provider').textContent()).toBe('Gemini (gemini-2.5-flash)');
    await screenshot(page, 'coach-gemini');

    double!.always = { kind: 'error500' };
    await page.getByTestId('coach-question').fill('And my timing?');
    await page.getByTestId('coach-submit').click();
    // Two retries with backoff (0.5 s, 1 s) come before the local coach answers.
    await expect.poll(() => answers.count(), { timeout: 15_000 }).toBe(2);
    expect(await page.getByTestId('coach-provider').textContent()).toBe(
      'Local coach — Gemini had a server error (HTTP 500)',
    );

    double!.always = { kind: 'ok' };
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('ai-card').waitFor();
    await expect.poll(() => page.getByTestId('ai-key').textContent()).toContain('API key: set');
    expect(await page.getByTestId('ai-card').textContent()).not.toContain(KEY);
    await page.getByTestId('ai-card').getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('ai-test').textContent()).toMatch(/^Gemini answered in \d+ ms\.$/);
    await screenshot(page, 'settings-ai');
    expect(errors).toEqual([]);
    await page.close();
  });
});
