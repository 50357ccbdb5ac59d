import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../support/browser';
import { assertBuilt, runTpj, serveJournal, type ServedJournal } from './tpj-server';

export type DemoInBrowser = {
  readonly dataDir: string;
  readonly server: ServedJournal;
  readonly browser: LaunchedChromium;
};

/**
 * For one describe block: a fresh data folder with the demo journal (`tpj demo`), `tpj serve`
 * on it and a fresh Chromium, set up before its tests and removed after them. Read the parts
 * through the returned object inside tests (they exist only once set-up has run).
 */
export function demoInBrowser(options: {
  trades: number;
  seed: number;
  viewport?: { width: number; height: number };
}): DemoInBrowser {
  let dataDir = '';
  let server: ServedJournal | undefined;
  let browser: LaunchedChromium | undefined;

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-e2e-'));
    runTpj(dataDir, ['demo', '--trades', String(options.trades), '--seed', String(options.seed)]);
    server = await serveJournal(dataDir);
    browser = await launchChromium(options.viewport ? { viewport: options.viewport } : {});
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
  });

  const ready = <T>(part: T | undefined, name: string): T => {
    if (part === undefined) throw new Error(`The e2e ${name} is not set up yet: use it inside a test.`);
    return part;
  };
  return {
    get dataDir() {
      return ready(dataDir === '' ? undefined : dataDir, 'data folder');
    },
    get server() {
      return ready(server, 'server');
    },
    get browser() {
      return ready(browser, 'browser');
    },
  };
}
