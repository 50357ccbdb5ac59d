import { describe, expect, it } from 'vitest';
import type { Account, Settings } from '../../../../shared/domain/types';
import { ratesToEdit, validRate } from './fx-rates';

const settings: Settings = { baseCurrency: 'USD', displayTimeZone: 'UTC', theme: 'system', fxRates: { GBP: '1.27' } };
const account = (currency: string): Account => ({
  id: currency,
  name: currency,
  broker: null,
  currency,
  timeZone: null,
  createdAt: 0,
});

describe('exchange rate settings', () => {
  it('asks for a rate for each foreign account currency and keeps rates already set', () => {
    expect(ratesToEdit(settings, [account('USD'), account('EUR'), account('EUR')])).toEqual(['EUR', 'GBP']);
  });
  it('accepts only positive plain decimals', () => {
    expect(['1.0832', '150', ' 0.5 '].map(validRate)).toEqual([true, true, true]);
    expect(['0', '-1', '1,08', 'abc', ''].map(validRate)).toEqual([false, false, false, false, false]);
  });
});
