import { describe, expect, it } from 'vitest';
import { filterTrades, outcomeOf } from './filter';
import type { StatsTrade } from './types';

function trade(id: string, fields: Partial<StatsTrade>): StatsTrade {
  return {
    id,
    accountId: 'acct-1',
    symbol: 'AAPL',
    side: 'long',
    status: 'closed',
    openedAt: 1_000,
    closedAt: 2_000,
    netPnl: '1',
    grossPnl: '1',
    fees: '0',
    rMultiple: null,
    playbookId: null,
    tagIds: [],
    quantity: '1',
    ...fields,
  };
}

const ids = (trades: StatsTrade[]) => trades.map((t) => t.id);

describe('filterTrades mirrors the core SQL filter', () => {
  const journal = [
    trade('a', { openedAt: 1_000, symbol: 'AAPL', netPnl: '12.5', tagIds: ['x'], playbookId: 'pb' }),
    trade('b', { openedAt: 2_000, symbol: 'MSFT', side: 'short', netPnl: '-0.01', accountId: 'acct-2' }),
    trade('c', {
      openedAt: 3_000,
      symbol: 'aapl',
      netPnl: '-0.00',
      status: 'open',
      closedAt: null,
      tagIds: ['x', 'y'],
    }),
  ];

  it('bounds openedAt inclusively at both ends', () => {
    expect(ids(filterTrades(journal, { from: 2_000, to: 3_000 }))).toEqual(['b', 'c']);
    expect(ids(filterTrades(journal, { to: 1_000 }))).toEqual(['a']);
  });

  it('upper-cases the symbol asked for and compares exactly, like `t.symbol = ?`', () => {
    expect(ids(filterTrades(journal, { symbol: 'Aapl' }))).toEqual(['a']);
    expect(ids(filterTrades(journal, { symbol: 'aapl' }))).toEqual(['a']);
  });

  it('takes an empty account list as every account', () => {
    expect(ids(filterTrades(journal, { accountIds: [] }))).toEqual(['a', 'b', 'c']);
    expect(ids(filterTrades(journal, { accountIds: ['acct-2'] }))).toEqual(['b']);
  });

  it('filters by side, status, tag and playbook', () => {
    expect(ids(filterTrades(journal, { side: 'short' }))).toEqual(['b']);
    expect(ids(filterTrades(journal, { status: 'open' }))).toEqual(['c']);
    expect(ids(filterTrades(journal, { tagId: 'x' }))).toEqual(['a', 'c']);
    expect(ids(filterTrades(journal, { playbookId: 'pb' }))).toEqual(['a']);
  });

  it('takes the outcome from the sign of net P&L, open trades included', () => {
    expect(ids(filterTrades(journal, { outcome: 'win' }))).toEqual(['a']);
    expect(ids(filterTrades(journal, { outcome: 'loss' }))).toEqual(['b']);
    expect(ids(filterTrades(journal, { outcome: 'breakeven' }))).toEqual(['c']);
    // The core passes the stored outcome column instead, which the SQL compares.
    const stored = (t: StatsTrade) => (t.id === 'a' ? 'loss' : 'win');
    expect(ids(filterTrades(journal, { outcome: 'loss' }, stored))).toEqual(['a']);
    expect([outcomeOf('0'), outcomeOf('-0.00'), outcomeOf('0.001'), outcomeOf('-3')]).toEqual([
      'breakeven',
      'breakeven',
      'win',
      'loss',
    ]);
  });

  it('combines clauses with AND', () => {
    expect(ids(filterTrades(journal, { symbol: 'AAPL', tagId: 'x', status: 'closed' }))).toEqual(['a']);
  });
});
