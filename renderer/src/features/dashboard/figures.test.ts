import { describe, expect, it } from 'vitest';
import type { StatsResult } from '../../../../shared/contract';
import { computeStats } from '../../../../shared/domain/stats';
import { keyFigures, NOT_AVAILABLE } from './figures';

function result(stats = computeStats([], { timeZone: 'UTC' })): StatsResult {
  return { ...stats, currency: 'USD', timeZone: 'UTC', unconverted: 0 };
}

const trade = (id: string, netPnl: string) => ({
  id,
  accountId: 'a',
  symbol: 'ES',
  side: 'long' as const,
  status: 'closed' as const,
  openedAt: 1_700_000_000_000,
  closedAt: 1_700_000_060_000 + Number(id) * 1000,
  netPnl,
  grossPnl: netPnl,
  fees: '0',
  rMultiple: null,
  playbookId: null,
  tagIds: [],
  quantity: '1',
});

describe('dashboard key figures', () => {
  it('shows n/a for every ratio of an empty selection, and zero trades', () => {
    const byKey = Object.fromEntries(keyFigures(result()).map((f) => [f.key, f.text]));
    for (const key of ['win-rate', 'profit-factor', 'expectancy', 'average-win', 'average-loss', 'max-drawdown']) {
      expect(byKey[key], key).toBe(NOT_AVAILABLE);
    }
    expect(byKey.trades).toBe('0');
  });

  it('formats money, rates and the drawdown as a loss', () => {
    const stats = computeStats([trade('1', '300'), trade('2', '-100'), trade('3', '-50')], { timeZone: 'UTC' });
    const byKey = Object.fromEntries(keyFigures(result(stats)).map((f) => [f.key, f]));
    expect(byKey['net-pnl']).toMatchObject({ text: '$150.00', tone: 'gain', raw: '150' });
    expect(byKey['win-rate']?.text).toMatch(/^33\.3\s?%$/);
    expect(byKey['profit-factor']?.text).toBe('2.00');
    expect(byKey['average-loss']?.text).toBe('-$75.00');
    expect(byKey['max-drawdown']).toMatchObject({ text: '-$150.00', tone: 'loss', raw: '150' });
    expect(byKey.trades?.text).toBe('3');
  });
});
