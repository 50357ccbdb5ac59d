import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';

describe('P&L in the base currency', () => {
  let t: ReturnType<typeof tempCore>;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  async function eurRoundTrip(): Promise<void> {
    const account = await t.call('accounts.create', { name: 'Xetra', currency: 'EUR' });
    const at = Date.parse('2025-06-02T08:00:00Z');
    await t.call('executions.add', {
      accountId: account.id,
      executions: [
        {
          symbol: 'SAP',
          assetClass: 'stock',
          side: 'buy',
          quantity: '10',
          price: '250.10',
          fee: '1.5',
          executedAt: at,
        },
        {
          symbol: 'SAP',
          assetClass: 'stock',
          side: 'sell',
          quantity: '10',
          price: '252.60',
          fee: '1.5',
          executedAt: at + 3_600_000,
        },
      ],
    });
  }

  it('leaves a foreign-currency trade out of base totals until a rate is set, then converts it exactly', async () => {
    await eurRoundTrip();
    const [before] = (await t.call('trades.list', {})).items;
    // 10 x (252.60 - 250.10) = 25 gross, minus 3 fees: 22 EUR.
    expect(before).toMatchObject({ currency: 'EUR', netPnl: '22', netPnlBase: null });

    await t.call('settings.update', { patch: { fxRates: { EUR: '1.0832' } } });
    const [after] = (await t.call('trades.list', {})).items;
    // 22 x 1.0832 = 23.8304 USD, exactly.
    expect(after?.netPnlBase).toBe('23.8304');

    await t.call('settings.update', { patch: { baseCurrency: 'EUR' } });
    expect((await t.call('trades.list', {})).items[0]?.netPnlBase).toBe('22');
  });

  it('converts trades imported after the rate is set', async () => {
    await t.call('settings.update', { patch: { fxRates: { EUR: '1.1' } } });
    await eurRoundTrip();
    expect((await t.call('trades.list', {})).items[0]?.netPnlBase).toBe('24.2');
  });

  it('rejects a rate that is not a positive number', async () => {
    const result = await t.core.invoke('settings.update', { patch: { fxRates: { EUR: '-1' } } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
