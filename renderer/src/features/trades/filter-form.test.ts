import { describe, expect, it } from 'vitest';
import { activeFilters, emptyFilterForm, toTradeFilter } from './filter-form';

describe('trade filter form', () => {
  it('leaves every field out when nothing is chosen', () => {
    expect(toTradeFilter(emptyFilterForm, 'UTC')).toEqual({});
    expect(activeFilters(emptyFilterForm)).toBe(0);
  });

  it('turns days into whole days in the display time zone, both ends included', () => {
    const filter = toTradeFilter(
      { ...emptyFilterForm, fromDay: '2024-03-01', toDay: '2024-03-31' },
      'America/New_York',
    );
    expect(filter).toEqual({ from: Date.parse('2024-03-01T05:00:00Z'), to: Date.parse('2024-04-01T04:00:00Z') - 1 });
  });

  it('swaps a backwards range and passes the other fields through', () => {
    const form = {
      ...emptyFilterForm,
      fromDay: '2024-03-02',
      toDay: '2024-03-01',
      accountId: 'acct',
      symbol: ' es ',
      side: 'short' as const,
      tagId: 'tag',
      playbookId: 'pb',
    };
    expect(toTradeFilter(form, 'UTC')).toEqual({
      from: Date.parse('2024-03-01T00:00:00Z'),
      to: Date.parse('2024-03-03T00:00:00Z') - 1,
      accountIds: ['acct'],
      symbol: 'es',
      side: 'short',
      tagId: 'tag',
      playbookId: 'pb',
    });
    expect(activeFilters(form)).toBe(7);
  });
});
