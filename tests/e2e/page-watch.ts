import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './tpj-server';

export const screenshotDir = join(repoRoot, 'test-results', 'e2e');

/** Collects console errors and uncaught page errors, which the tests require to stay empty. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/**
 * Save a full-page screenshot as test-results/e2e/<name>.png. The window is made as tall
 * as the page for the capture: Chromium's fullPage mode leaves the sticky sidebar and
 * status bar where the original window ended, which looks broken but is not.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  // A string expression: this file is type-checked for Node, where `document` does not exist.
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  try {
    await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** Wait until the current page has finished its first load (no "Loading…" line left). */
export async function settled(page: Page): Promise<void> {
  await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 15_000 });
}
