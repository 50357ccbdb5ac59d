import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createCore } from '../../electron/core/core';
import { loadDemoJournal } from '../../electron/core/demo/load';
import { assertBuilt, serveJournal } from '../../tests/e2e/tpj-server';
import { launchChromium } from '../../tests/support/browser';
import { quantile, type BenchRow } from './report';

/** Rows to scroll through per run (BENCH_BROWSER_ROWS); the whole list when it is smaller. */
const SCROLL_ROWS = Number(process.env['BENCH_BROWSER_ROWS'] ?? 5_000);
const RUNS = 5;

type Probe = { firstRow: number | null; longTasks: { start: number; duration: number }[] };

/**
 * Installed before the app's own scripts: notes when the first trade row has been painted
 * (the frame after it is in the DOM, then a task after that frame) and every long task.
 * A string, because this file is type-checked for Node, where `document` does not exist.
 */
const probe = `
  window.__probe = { firstRow: null, longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const seen = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="trade-row"]')) return;
    seen.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__probe.firstRow = performance.now(); };
      channel.port2.postMessage(0);
    });
  });
  seen.observe(document, { childList: true, subtree: true });
`;

// Functions over globalThis, not strings: the app's CSP forbids eval, which string predicates use.
const readProbe = (page: Page) => page.evaluate(() => (globalThis as unknown as { __probe: Probe }).__probe);
const painted = () => (globalThis as unknown as { __probe?: Probe }).__probe?.firstRow != null;

/** "Showing 1,200 of 100,000 trades" → 1200. */
async function rowsShown(page: Page): Promise<number> {
  const text = (await page.getByTestId('trades-summary').textContent()) ?? '';
  return Number(/Showing ([\d,]+)/.exec(text)?.[1]?.replaceAll(',', '') ?? 0);
}

/**
 * Scroll down the Trades page with the mouse wheel until `rows` trades have been shown, taking
 * "Load more" whenever it is on screen (a list that loads on its own never shows it).
 */
async function scrollThrough(page: Page, rows: number, total: number): Promise<number> {
  const target = Math.min(rows, total);
  const loadMore = page.getByTestId('load-more');
  for (let step = 0; step < 20_000; step++) {
    await page.mouse.wheel(0, 1_200);
    await page.evaluate(
      () =>
        new Promise((resolve) =>
          (globalThis as unknown as { requestAnimationFrame: (f: () => void) => number }).requestAnimationFrame(() =>
            resolve(null),
          ),
        ),
    );
    if ((await loadMore.count()) > 0 && (await loadMore.isEnabled()) && (await loadMore.isVisible())) {
      await loadMore.click();
    }
    if (step % 10 === 0 && (await rowsShown(page)) >= target) break;
  }
  return rowsShown(page);
}

/**
 * DESIGN §8 "first journal page, 100k trades: < 1 s to pixels", measured in Chromium against
 * `tpj serve`: navigation to the first trade row painted, then long tasks while scrolling.
 */
export async function benchBrowser(trades: number): Promise<BenchRow[]> {
  assertBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'tpj-bench-browser-'));
  const setup = createCore({ dataDir });
  loadDemoJournal(setup.store, { trades, seed: 42, endDay: '2026-11-20' });
  setup.close();
  const server = await serveJournal(dataDir);
  const browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
  try {
    // The address carries the token once; this first visit swaps it for the session cookie.
    const login = await browser.context.newPage();
    await login.goto(server.url);
    await login.locator('main[data-page]').waitFor();
    await login.close();
    await browser.context.addInitScript(probe);

    const firstRow: number[] = [];
    const longTasks: number[] = [];
    let scrolled = 0;
    let scrollTasks = { count: 0, total: 0, max: 0 };
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/#/trades`);
      await page.waitForFunction(painted, undefined, { timeout: 30_000 });
      const loaded = await readProbe(page);
      firstRow.push(loaded.firstRow ?? NaN);
      longTasks.push(loaded.longTasks.filter((t) => t.start < (loaded.firstRow ?? 0)).length);
      if (run === 0) {
        // Scrolling once is enough: it is long, and later runs would only repeat it.
        const before = loaded.longTasks.length;
        const total = await page
          .getByTestId('trades-summary')
          .textContent()
          .then((t) => Number(/of ([\d,]+)/.exec(t ?? '')?.[1]?.replaceAll(',', '') ?? 0));
        scrolled = await scrollThrough(page, SCROLL_ROWS, total);
        const during = (await readProbe(page)).longTasks.slice(before).map((t) => t.duration);
        scrollTasks = {
          count: during.length,
          total: during.reduce((a, b) => a + b, 0),
          max: during.length === 0 ? 0 : Math.max(...during),
        };
      }
      await page.close();
    }
    return [
      {
        work: `first journal page, ${trades / 1000}k trades (browser, to pixels)`,
        measured: quantile(firstRow, 0.5),
        unit: 'ms',
        budget: 1_000,
        kind: 'below',
        note: `median of ${RUNS} navigations to the first trade row painted; max ${Math.max(...firstRow).toFixed(0)} ms; long tasks before it: ${quantile(longTasks, 0.5)}`,
      },
      {
        work: `long tasks scrolling ${scrolled.toLocaleString('en-US')} trades (browser)`,
        measured: scrollTasks.max,
        unit: 'ms',
        budget: 50,
        kind: 'below',
        note: `longest task; ${scrollTasks.count} long tasks, ${scrollTasks.total.toFixed(0)} ms in all`,
      },
    ];
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
