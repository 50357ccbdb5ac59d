import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../support/browser';
import { assertBuilt, serveJournal, type ServedJournal } from './tpj-server';

export type Served = { dataDir: string; server: ServedJournal; browser: LaunchedChromium };

type Options = {
  /** Runs on the fresh data folder before `tpj serve` starts (a demo journal, seeded jobs …). */
  prepare?: (dataDir: string) => void | Promise<void>;
  env?: Record<string, string>;
};

/**
 * The set-up most browser tests share, registered as the describe block's beforeAll and
 * afterAll: a fresh data folder, `tpj serve` on it and a Chromium, all removed afterwards.
 * Call the returned function inside a test to reach them.
 */
export function useServedJournal(prefix: string, options: Options = {}): () => Served {
  let served: Partial<Served> = {};
  beforeAll(async () => {
    assertBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), `tpj-e2e-${prefix}-`));
    served = { dataDir };
    await options.prepare?.(dataDir);
    served.server = await serveJournal(dataDir, options.env);
    served.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await served.browser?.close();
    await served.server?.stop();
    if (served.dataDir) rmSync(served.dataDir, { recursive: true, force: true });
  });
  return () => {
    const { dataDir, server, browser } = served;
    if (!dataDir || !server || !browser) throw new Error('the served journal is not set up (beforeAll failed?)');
    return { dataDir, server, browser };
  };
}
