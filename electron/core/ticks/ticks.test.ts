import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, tempCore } from '../../../tests/support/temp-core';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures', 'market');
const file = (name: string) => ({ fileName: name, dataBase64: readFileSync(join(fixtures, name)).toString('base64') });
const ms = (iso: string) => Date.parse(iso);

describe('market data import, candles and excursions', () => {
  let t: ReturnType<typeof tempCore>;
  let scratch: string;
  beforeEach(() => {
    t = tempCore();
    scratch = mkdtempSync(join(tmpdir(), 'tpj-ticks-'));
  });
  afterEach(() => {
    t.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('imports ticks through the chunk trigger, and importing the same file again adds nothing', async () => {
    const first = await t.call('ticks.import', { ...file('es-ticks.csv'), timeZone: 'America/New_York' });
    expect(first).toMatchObject({ kind: 'ticks', rows: 5, added: 5, symbols: ['ESZ5'] });
    expect(first.from).toBe(ms('2025-03-03T14:30:00Z'));
    // Two prints in the same microsecond keep both (seq 0 and 1).
    expect(t.core.store.db.prepare(`SELECT seq FROM ticks ORDER BY ts, seq LIMIT 2`).pluck().all()).toEqual([0, 1]);
    expect(t.core.store.db.prepare(`SELECT symbol, day, uploaded_at FROM tick_chunks`).all()).toEqual([
      { symbol: 'ESZ5', day: '2025-03-03', uploaded_at: null },
    ]);
    const again = await t.call('ticks.import', { ...file('es-ticks.csv'), timeZone: 'America/New_York' });
    expect(again).toMatchObject({ rows: 5, added: 0 });
    expect(countRows(t.core, 'ticks')).toBe(5);
  });

  it('tells open charts when an import added ticks, and only then', async () => {
    const changed: (string[] | null)[] = [];
    const off = t.core.events.on('ticks.changed', (p) => changed.push(p.symbols));
    await t.call('ticks.import', { ...file('es-ticks.csv'), timeZone: 'America/New_York' });
    expect(changed).toEqual([['ESZ5']]);
    // The same file again adds nothing, and a refused file writes nothing: no chart redraws.
    await t.call('ticks.import', { ...file('es-ticks.csv'), timeZone: 'America/New_York' });
    await t.core.invoke('ticks.import', file('ticks-bad.csv'));
    expect(changed).toEqual([['ESZ5']]);
    off();
  });

  it('writes nothing from a file with a bad row, and says which file, line and column', async () => {
    const result = await t.core.invoke('ticks.import', file('ticks-bad.csv'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toMatch(
      /ticks-bad\.csv: 2 rows could not be read; nothing was imported\. First: line 3, time/,
    );
    expect(result.error.fields?.map((f) => f.path)).toEqual(['ticks-bad.csv:3:time', 'ticks-bad.csv:4:price']);
    expect(countRows(t.core, 'ticks')).toBe(0);
    expect(countRows(t.core, 'tick_chunks')).toBe(0);
  });

  it('streams a large file in blocks with the right line numbers, and a cancelled import writes nothing', async () => {
    const start = ms('2025-03-03T14:30:00Z');
    const lines = ['symbol,time,price,size'];
    for (let i = 0; i < 3000; i++) lines.push(`CL,${start + i * 1000},${70 + (i % 50) / 100},1`);
    const path = join(scratch, 'cl.csv');
    writeFileSync(path, lines.join('\n'));
    const streaming = { aboveBytes: 0, blockChars: 4096 };
    const summary = await t.core.ticks.import({ fileName: 'cl.csv', path }, { streaming });
    expect(summary).toMatchObject({ rows: 3000, added: 3000 });

    lines[2500] = 'CL,yesterday,70,1';
    writeFileSync(path, lines.join('\n'));
    await expect(t.core.ticks.import({ fileName: 'cl.csv', path }, { streaming })).rejects.toThrow(/line 2501, time/);

    const importId = '0190a000-0000-7000-8000-000000000001';
    const running = t.core.ticks.import({ fileName: 'cl.csv', path }, { streaming, importId, symbol: 'X' });
    expect(t.core.ticks.cancel(importId)).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(countRows(t.core, 'ticks')).toBe(3000);
  });

  it('builds candles from ticks, falls back to imported bars, and reports coverage', async () => {
    await t.call('ticks.import', { ...file('es-ticks.csv'), timeZone: 'America/New_York' });
    const range = { from: ms('2025-03-03T14:00:00Z'), to: ms('2025-03-03T15:00:00Z') };
    const oneMinute = await t.call('ticks.candles', { symbol: 'esz5', ...range, interval: '1m' });
    expect(oneMinute.source).toBe('ticks');
    expect(oneMinute.candles).toEqual([
      { time: ms('2025-03-03T14:30:00Z'), open: 5800.25, high: 5800.75, low: 5799.75, close: 5799.75, volume: 7 },
      { time: ms('2025-03-03T14:31:00Z'), open: 5801, high: 5801, low: 5801, close: 5801, volume: 4 },
    ]);
    const seconds = await t.call('ticks.candles', { symbol: 'ESZ5', ...range, interval: '1s' });
    expect(seconds.candles).toHaveLength(4);

    const bars = await t.call('ticks.import', { ...file('es-bars-1m.csv'), symbol: 'ES' });
    expect(bars).toMatchObject({ kind: 'bars', rows: 3, added: 3 });
    const five = await t.call('ticks.candles', { symbol: 'ES', ...range, interval: '5m' });
    expect(five).toMatchObject({ source: 'bars' });
    expect(five.candles).toEqual([
      { time: ms('2025-03-03T14:30:00Z'), open: 5800, high: 5803.5, low: 5799.5, close: 5801.5, volume: 295 },
    ]);
    const none = await t.call('ticks.candles', { symbol: 'NQ', ...range, interval: '1m' });
    expect(none).toEqual({ symbol: 'NQ', interval: '1m', source: null, candles: [] });

    expect(await t.call('ticks.coverage', {})).toEqual([
      {
        symbol: 'ES',
        ticks: null,
        bars: { from: ms('2025-03-03T14:30:00Z'), to: ms('2025-03-03T14:32:00Z'), count: 3, periodsMs: [60_000] },
      },
      {
        symbol: 'ESZ5',
        ticks: { from: ms('2025-03-03T14:30:00Z'), to: ms('2025-03-03T14:31:05Z'), days: 1 },
        bars: null,
      },
    ]);
  });

  it('gives a trade its MAE and MFE in points, money and R, with where they happened', async () => {
    await t.call('ticks.import', { ...file('es-ticks.csv'), timeZone: 'America/New_York' });
    const account = await t.call('accounts.create', { name: 'Test' });
    const fill = (side: 'buy' | 'sell', price: string, at: string) => ({
      symbol: 'ESZ5',
      assetClass: 'stock' as const,
      side,
      quantity: '2',
      price,
      executedAt: ms(at),
    });
    await t.call('executions.add', {
      accountId: account.id,
      executions: [fill('buy', '5800.5', '2025-03-03T14:30:00.500Z'), fill('sell', '5801', '2025-03-03T14:31:05Z')],
    });
    const trade = (await t.call('trades.list', {})).items[0];
    if (!trade) throw new Error('no trade');
    await t.call('trades.update', { id: trade.id, patch: { stopPrice: '5799.5' } });
    const { excursion } = await t.call('ticks.excursion', { tradeId: trade.id });
    expect(excursion).toEqual({
      ticks: 3,
      mae: { points: '0.75', amount: '1.5', r: '0.75', price: '5799.75', at: ms('2025-03-03T14:30:59Z') },
      mfe: { points: '0.5', amount: '1', r: '0.5', price: '5801', at: ms('2025-03-03T14:31:05Z') },
      efficiency: 1,
      currency: 'USD',
    });
  });
});
