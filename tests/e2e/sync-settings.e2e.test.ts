import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../support/browser';
import { testPostgres, testRedis, type TestDatabase, type TestRedis } from '../support/cloud-services';
import { screenshot, settled, watchErrors } from './page-watch';
import { assertBuilt, runTpj, serveJournal, type ServedJournal } from './tpj-server';

/** Every cloud variable blank: a developer's own cloud must not leak into a test. */
const noCloud = { TIMESCALE_DATABASE_URL: '', TPJ_WORKSPACE: '', REDIS_URL: '', QDRANT_URL: '', QDRANT_API_KEY: '' };

async function openSettings(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('nav-settings').click();
  await page.locator('main[data-page="settings"]').waitFor();
  await settled(page);
}

/** Whether the test server could create the TimescaleDB extension (the card must say which). */
async function timescaleAvailable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ ts: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') AS ts`,
    );
    return rows[0]!.ts;
  } finally {
    await client.end();
  }
}

describe('the Cloud sync card against real PostgreSQL and Redis (tpj serve + Chromium)', { timeout: 180_000 }, () => {
  let dataDir = '';
  let database: TestDatabase | undefined;
  let redis: TestRedis | undefined;
  let server: ServedJournal | undefined;
  let browser: LaunchedChromium | undefined;

  beforeAll(async () => {
    assertBuilt();
    database = await testPostgres();
    redis = await testRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-e2e-sync-'));
    runTpj(dataDir, ['demo', '--trades', '30', '--seed', '21']);
    server = await serveJournal(dataDir, {
      ...noCloud,
      TIMESCALE_DATABASE_URL: database.url,
      TPJ_WORKSPACE: `e2e-${database.name}`,
      REDIS_URL: redis.url,
    });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
    await redis?.cleanup();
    await database?.drop();
  });

  it('syncs by itself, tests each service, pushes an edit on Sync now and compares equal with the cloud', async () => {
    const page = await browser!.context.newPage();
    const errors = watchErrors(page);
    await openSettings(page, server!.url);

    // The first sync runs at start and pushes the demo journal.
    const bar = page.getByTestId('status-sync');
    await expect.poll(() => bar.textContent(), { timeout: 60_000 }).toMatch(/^Up to date · \d\d:\d\d$/);
    const card = page.getByTestId('cloud-sync-card');
    await expect.poll(() => card.getByTestId('cloud-sync-state').textContent()).toBe('Up to date');
    const facts = (await card.getByTestId('cloud-sync-facts').textContent()) ?? '';
    expect(facts).toContain(`e2e-${database!.name}`);
    expect(facts).toContain(database!.name);
    expect(facts).not.toContain('@'); // redacted: no user or password

    await card.getByRole('button', { name: 'Test connection' }).click();
    const postgres = card.getByTestId('check-postgres');
    await postgres.waitFor();
    expect(await postgres.textContent()).toMatch(/✓ Connected(<1|\d+) msPostgreSQL \d+/);
    expect(await postgres.getByTestId('check-timescale').textContent()).toBe(
      (await timescaleAvailable(database!.url)) ? 'TimescaleDB available' : 'TimescaleDB not installed',
    );
    expect(await card.getByTestId('check-redis').textContent()).toMatch(/✓ Connected(<1|\d+) msRedis \d/);
    expect(await card.getByTestId('check-qdrant').textContent()).toContain('– Not configured');

    // Edit a trade and press Sync now at once, from the page (well inside the core's 1 s debounce):
    // the push is this click's, or the automatic one it joins.
    const first = (await server!.rpc('trades.list', {})).value as { items: { id: string }[] };
    const id = first.items[0]!.id;
    await page.evaluate(
      `fetch('/rpc/trades.update', {method: 'POST', headers: {'content-type': 'application/json'},
        body: JSON.stringify({id: ${JSON.stringify(id)}, patch: {notes: 'Synced from the e2e test'}})})
        .then((r) => { if (!r.ok) throw new Error('update refused ' + r.status); })
        .then(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Sync now').click())`,
    );
    const report = card.getByTestId('cloud-sync-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.textContent()).toMatch(/^Pushed [1-9]\d* rows? \(1 change\) · pulled \d+ rows?/);

    await card.getByRole('button', { name: 'Compare with cloud' }).click();
    await card.getByTestId('cloud-verify').waitFor({ timeout: 60_000 });
    expect(await card.getByTestId('cloud-verify-summary').textContent()).toMatch(/^All \d+ tables match the cloud\.$/);
    const verdicts = await card.getByTestId('cloud-verify-row').locator('td:last-child').allTextContents();
    expect(verdicts.length).toBeGreaterThan(5);
    expect(new Set(verdicts)).toEqual(new Set(['✓ Match']));
    const cloudRows = await server!.rpc('sync.verify', {});
    expect((cloudRows.value as { ok: boolean }).ok).toBe(true);

    await expect.poll(() => bar.textContent()).toMatch(/^Up to date · /);
    await screenshot(page, 'settings-cloud-sync');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the Cloud sync card with no cloud set up (tpj serve + Chromium)', { timeout: 90_000 }, () => {
  let dataDir = '';
  let server: ServedJournal | undefined;
  let browser: LaunchedChromium | undefined;

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-e2e-nosync-'));
    server = await serveJournal(dataDir, noCloud);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
  });

  it('explains what sync does and which settings connect it', async () => {
    const page = await browser!.context.newPage();
    const errors = watchErrors(page);
    await openSettings(page, server!.url);
    const card = page.getByTestId('cloud-sync-card');
    await card.getByTestId('cloud-sync-setup').waitFor();
    expect(await card.getByTestId('cloud-sync-state').textContent()).toBe('Not set up');
    const text = (await card.textContent()) ?? '';
    for (const name of ['TIMESCALE_DATABASE_URL', 'TPJ_WORKSPACE', 'REDIS_URL', 'QDRANT_URL']) {
      expect(text).toContain(name);
    }
    expect(text).toContain('works fully offline');
    expect(text).toContain('enter your cloud below');
    expect(await card.getByTestId('cloud-connection-form').count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    expect(await page.getByTestId('status-sync').textContent()).toBe('Sync: not set up');
    await screenshot(page, 'settings-cloud-sync-off');
    expect(errors).toEqual([]);
    await page.close();
  });
});
