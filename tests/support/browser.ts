import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian puts Chromium; CHROMIUM_PATH points elsewhere (another distro, a CI image). */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export type LaunchedChromium = {
  context: BrowserContext;
  /** Closes the browser and removes its temporary profile. */
  close: () => Promise<void>;
};

/**
 * Headless system Chromium (Playwright cannot download its own browsers on the build
 * machines) with a fresh profile, so no test sees another's cookies or cache.
 */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<LaunchedChromium> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium was not found at ${chromiumPath}. Install Debian's chromium: apt-get install chromium ` +
        '(or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'tpj-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      // Fixed, so numbers and dates render the same on every machine ("1,234", "Mar 14, 2025").
      locale: 'en-US',
    });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
