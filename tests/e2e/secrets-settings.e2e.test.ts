import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../support/browser';
import { testPostgres, testRedis, type TestDatabase, type TestRedis } from '../support/cloud-services';
import { startGeminiDouble, type GeminiDouble } from '../support/gemini-double';
import { screenshot, settled, watchErrors } from './page-watch';
import { assertBuilt, runTpj, serveJournal, type ServedJournal } from './tpj-server';

const KEY = 'e2e-entered-key-AIzaSy0123456789';
/** No key and no cloud from the environment: everything comes from the page. */
const nothingFromEnv = {
  GEMINI_API_KEY: '',
  TIMESCALE_DATABASE_URL: '',
  TPJ_WORKSPACE: '',
  REDIS_URL: '',
  QDRANT_URL: '',
  QDRANT_API_KEY: '',
};

/** Every file under `dir`, read as text (the journal, its WAL, the log). */
function everyFileText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

/** The test database's URL with a password in it (the local server trusts any; a URL that has one keeps it). */
function withPassword(url: string): { url: string; password: string } {
  const u = new URL(url);
  if (u.password === '') u.password = 'e2e-pg-secret-pw';
  return { url: u.toString(), password: decodeURIComponent(u.password) };
}

describe('secrets entered in the page under tpj serve (memory only)', { timeout: 180_000 }, () => {
  let dataDir = '';
  let database: TestDatabase | undefined;
  let redis: TestRedis | undefined;
  let double: GeminiDouble | undefined;
  let server: ServedJournal | undefined;
  let browser: LaunchedChromium | undefined;

  beforeAll(async () => {
    assertBuilt();
    database = await testPostgres();
    redis = await testRedis();
    double = await startGeminiDouble(KEY);
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-e2e-secrets-'));
    runTpj(dataDir, ['demo', '--trades', '20', '--seed', '9']);
    server = await serveJournal(dataDir, { ...nothingFromEnv, TPJ_GEMINI_BASE_URL: double.baseUrl });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await double?.close();
    if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
    await redis?.cleanup();
    await database?.drop();
  });

  async function openSettings(page: Page): Promise<void> {
    await page.goto(server!.url);
    await page.getByTestId('nav-settings').click();
    await page.locator('main[data-page="settings"]').waitFor();
    await settled(page);
  }

  it('sends a key typed in the AI card to Gemini, says it lives in memory, and never shows or writes it', async () => {
    const page = await browser!.context.newPage();
    const errors = watchErrors(page);
    await openSettings(page);
    const card = page.getByTestId('ai-card');
    await expect.poll(() => card.getByTestId('ai-key').textContent()).toBe('API key: not set');
    expect(await card.textContent()).toContain('never written to disk');

    await card.getByTestId('ai-key-input').fill(KEY);
    await card.getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => card.getByTestId('ai-key').textContent()).toMatch(/^API key: set — kept in memory/);
    expect(await card.getByTestId('ai-key-input').inputValue()).toBe('');
    await expect.poll(() => card.getByTestId('ai-active').textContent()).toBe('Gemini (gemini-2.5-flash)');

    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => card.getByTestId('ai-test').textContent()).toMatch(/^Gemini answered in \d+ ms\.$/);
    expect(double!.requests.at(-1)?.apiKey).toBe(KEY);
    expect(await page.content()).not.toContain(KEY);
    await screenshot(page, 'settings-ai-key-entered');

    await card.getByRole('button', { name: 'Remove key' }).click();
    await expect.poll(() => card.getByTestId('ai-key').textContent()).toBe('API key: not set');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tests a typed cloud connection, saves it, syncs to up to date, then disconnects', async () => {
    const page = await browser!.context.newPage();
    const errors = watchErrors(page);
    await openSettings(page);
    const card = page.getByTestId('cloud-sync-card');
    expect(await card.getByTestId('cloud-sync-state').textContent()).toBe('Not set up');
    const { url, password } = withPassword(database!.url);
    const form = card.getByTestId('cloud-connection-form');
    await form.getByTestId('cloud-databaseUrl').fill(url);
    await form.getByTestId('cloud-workspaceId').fill(`e2e-${database!.name}`);
    await form.getByTestId('cloud-redisUrl').fill(redis!.url);

    await form.getByRole('button', { name: 'Test connection' }).click();
    const postgres = card.getByTestId('check-postgres');
    await postgres.waitFor({ timeout: 30_000 });
    expect(await postgres.textContent()).toMatch(/✓ Connected/);
    expect(await card.getByTestId('check-redis').textContent()).toMatch(/✓ Connected/);
    // Testing keeps nothing: sync is still off.
    expect(await card.getByTestId('cloud-sync-state').textContent()).toBe('Not set up');

    await form.getByRole('button', { name: 'Save connection' }).click();
    await expect.poll(() => card.getByTestId('cloud-sync-state').textContent(), { timeout: 60_000 }).toBe('Up to date');
    await expect.poll(() => page.getByTestId('status-sync').textContent()).toMatch(/^Up to date · /);
    expect(await card.getByTestId('cloud-connection-source').textContent()).toMatch(/kept in memory/);
    const facts = (await card.getByTestId('cloud-sync-facts').textContent()) ?? '';
    expect(facts).toContain(`e2e-${database!.name}`);
    expect(facts).not.toContain('@');
    expect(await page.content()).not.toContain(password);
    await screenshot(page, 'settings-cloud-connection-entered');

    await card.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => card.getByTestId('cloud-sync-state').textContent()).toBe('Not set up');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('wrote neither secret to the journal folder, log included', () => {
    const onDisk = everyFileText(dataDir);
    expect(onDisk.length).toBeGreaterThan(0);
    expect(onDisk).not.toContain(KEY);
    expect(onDisk).not.toContain(withPassword(database!.url).password);
  });
});
