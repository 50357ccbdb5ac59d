import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';

/** Three round trips in AAPL, one minute apart: +10, -5 and +20 (10 shares, 1 point each way). */
async function threeTrades(t: ReturnType<typeof tempCore>): Promise<string[]> {
  const account = await t.call('accounts.create', { name: 'Main', currency: 'USD' });
  const trip = (at: number, exit: string) => [
    {
      symbol: 'AAPL',
      assetClass: 'stock' as const,
      side: 'buy' as const,
      quantity: '10',
      price: '100',
      executedAt: at,
    },
    {
      symbol: 'AAPL',
      assetClass: 'stock' as const,
      side: 'sell' as const,
      quantity: '10',
      price: exit,
      executedAt: at + 30_000,
    },
  ];
  const t0 = 1_700_000_000_000;
  await t.call('executions.add', {
    accountId: account.id,
    executions: [...trip(t0, '101'), ...trip(t0 + 60_000, '99.5'), ...trip(t0 + 120_000, '102')],
  });
  const trades = await t.call('trades.list', { limit: 10, sort: { key: 'openedAt', dir: 'asc' } });
  expect(trades.items.map((x) => x.netPnl)).toEqual(['10', '-5', '20']);
  return trades.items.map((x) => x.id);
}

describe('playbooks.adherence', () => {
  let t: ReturnType<typeof tempCore>;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('counts the closed trades that kept every current rule, and the net P&L on each side', async () => {
    const [a, b, c] = await threeTrades(t);
    const book = await t.call('playbooks.create', {
      name: 'ORB',
      rules: [
        { id: 'r1', text: 'Wait for the range' },
        { id: 'r2', text: 'Stop beyond the range' },
      ],
    });
    await t.call('playbooks.create', { name: 'No rules yet' });
    await t.call('trades.update', { id: a!, patch: { playbookId: book.id, rulesKept: ['r1', 'r2'] } });
    // A ticked id of a rule the playbook no longer has does not count as keeping one of its rules.
    await t.call('trades.update', { id: b!, patch: { playbookId: book.id, rulesKept: ['r1', 'gone'] } });
    await t.call('trades.update', { id: c!, patch: { playbookId: book.id, rulesKept: ['r2', 'r1'] } });
    expect(await t.call('playbooks.adherence', {})).toEqual([
      { playbookId: book.id, trades: 3, allKept: 2, allKeptNet: '30', notAllKeptNet: '-5', unconverted: 0 },
    ]);

    // A rule added later is one more to keep: no trade has kept them all any more.
    await t.call('playbooks.update', {
      id: book.id,
      patch: { rules: [...book.rules, { id: 'r3', text: 'Half off at 1R' }] },
    });
    expect((await t.call('playbooks.adherence', {}))[0]).toMatchObject({
      trades: 3,
      allKept: 0,
      allKeptNet: '0',
      notAllKeptNet: '25',
    });
  });

  it('answers with nothing when no playbook has rules', async () => {
    await t.call('playbooks.create', { name: 'Bare' });
    expect(await t.call('playbooks.adherence', {})).toEqual([]);
  });
});
