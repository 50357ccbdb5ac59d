import { describe, expect, it } from 'vitest';
import { chartWindow, intervalForHolding } from '../../shared/ticks/intervals';
import { demoInBrowser } from './demo-in-browser';
import { screenshot, settled, watchErrors } from './page-watch';

type ListedTrade = { id: string; symbol: string; openedAt: number; closedAt: number | null };
type Detail = ListedTrade & { executions: unknown[]; stopPrice: string | null };

describe('the trade chart from ticks (tpj serve + Chromium)', { timeout: 90_000 }, () => {
  const app = demoInBrowser({ trades: 60, seed: 5, viewport: { width: 1280, height: 900 } });

  const value = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await app.server.rpc(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
    return result.value as T;
  };
  const trades = async () => (await value<{ items: ListedTrade[] }>('trades.list', { limit: 100 })).items;
  const hasTicks = async (t: ListedTrade) =>
    (await value<{ excursion: unknown }>('ticks.excursion', { tradeId: t.id })).excursion !== null;

  it('draws candles with fill, stop, target and MAE/MFE markers, follows the interval picker and the theme', async () => {
    const closed = (await trades()).filter((t) => t.closedAt !== null);
    let withTicks: ListedTrade | undefined;
    for (const t of closed) {
      if (!(await hasTicks(t))) continue;
      withTicks = t;
      break;
    }
    if (!withTicks) throw new Error('the demo journal has no trade with ticks');
    const trade = await value<Detail>('trades.get', { id: withTicks.id });
    const { excursion } = await value<{ excursion: { mae: { price: string }; mfe: { price: string } } }>(
      'ticks.excursion',
      { tradeId: trade.id },
    );
    // A stop at the MAE (unless the trade has one) and a target at the MFE, both within the chart.
    await value('trades.update', {
      id: trade.id,
      patch: { stopPrice: trade.stopPrice ?? excursion.mae.price, targetPrice: excursion.mfe.price },
    });

    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(app.server.url);
    await settled(page);
    await page.goto(`${app.server.origin}/#/trades/${trade.id}`);
    const chart = page.getByTestId('candle-chart');
    await chart.waitFor();
    // lightweight-charts draws on canvases inside the box.
    await expect.poll(() => chart.locator('canvas').count()).toBeGreaterThan(0);
    // One marker per fill plus MAE and MFE.
    await expect.poll(() => chart.getAttribute('data-markers')).toBe(String(trade.executions.length + 2));
    expect(Number(await chart.getAttribute('data-candles'))).toBeGreaterThan(5);
    await page.getByTestId('chart-stop').waitFor();
    await page.getByTestId('chart-target').waitFor();
    await page.getByTestId('chart-mae').waitFor();
    expect(await page.getByTestId('mae').textContent()).toMatch(/MAE \(worst\)/);
    expect(await page.getByTestId('mfe').textContent()).toMatch(/R ·|pts/);
    expect(await page.getByTestId('efficiency').textContent()).toMatch(/Efficiency(n\/a|-?\d+%)/);
    await screenshot(page, 'trade-chart');

    // Another interval asks for other candles.
    const before = await chart.getAttribute('data-candles');
    const picked = intervalForHolding((trade.closedAt ?? 0) - trade.openedAt) === '1h' ? '1m' : '1h';
    await page.getByRole('button', { name: picked, exact: true }).click();
    await expect
      .poll(() => page.getByRole('button', { name: picked, exact: true }).getAttribute('aria-pressed'))
      .toBe('true');
    await expect.poll(() => chart.getAttribute('data-candles')).not.toBe(before);

    // Dark theme: the chart takes the page's surface colour.
    await value('settings.update', { patch: { theme: 'dark' } });
    await page.reload();
    await chart.waitFor();
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    await expect.poll(() => chart.locator('canvas').count()).toBeGreaterThan(0);
    await screenshot(page, 'trade-chart-dark');
    await value('settings.update', { patch: { theme: 'light' } });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the fills chart for a trade with no market data around it', async () => {
    let without: ListedTrade | undefined;
    for (const t of await trades()) {
      if (t.closedAt === null) continue;
      const interval = intervalForHolding(t.closedAt - t.openedAt);
      const series = await value<{ candles: unknown[] }>('ticks.candles', {
        symbol: t.symbol,
        ...chartWindow(t.openedAt, t.closedAt, interval),
        interval,
      });
      if (series.candles.length === 0) {
        without = t;
        break;
      }
    }
    if (!without) throw new Error('every demo trade has ticks around it');
    const page = await app.browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(app.server.url);
    await settled(page);
    await page.goto(`${app.server.origin}/#/trades/${without.id}`);
    await page.getByTestId('price-chart').waitFor();
    expect(await page.getByTestId('candle-chart').count()).toBe(0);
    // Ticks imported for it while the trade is open (another window, the CLI's core, a sync)
    // redraw the chart as candles without a reload.
    await value('ticks.import', { fileName: 'late-ticks.csv', dataBase64: ticksAround(without), timeZone: 'UTC' });
    await page.getByTestId('candle-chart').waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** A tick file (UTC times) of 20 prints from a trade's open to its close, as base64. */
function ticksAround(trade: ListedTrade): string {
  const closedAt = trade.closedAt ?? trade.openedAt + 60_000;
  const rows = ['Symbol,Timestamp,Price,Size'];
  for (let i = 0; i < 20; i++) {
    const at = trade.openedAt + Math.round(((closedAt - trade.openedAt) * i) / 19);
    const time = new Date(at).toISOString().replace('T', ' ').replace('Z', '');
    rows.push(`${trade.symbol},${time},${(100 + i / 4).toFixed(2)},1`);
  }
  return Buffer.from(rows.join('\n') + '\n').toString('base64');
}
