import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../shared/domain/types';
import { accountUndo, changesNothing, deleteQuestion, nameProblem, parseZone, withEdit } from './account-fields';

const account = (id: string, name: string): Account => ({
  id,
  name,
  broker: null,
  currency: 'USD',
  timeZone: null,
  createdAt: 0,
});
const accounts = [account('a', 'Futures'), account('b', 'Cash')];

describe('editing an account', () => {
  it('refuses a blank name and one another account already has, whatever its case', () => {
    expect(nameProblem('  ', accounts, 'a')).toBe('Give the account a name.');
    expect(nameProblem('cash', accounts, 'a')).toBe('An account named “Cash” already exists.');
    expect(nameProblem('Futures', accounts, 'a')).toBeNull();
    expect(nameProblem('Futures (IBKR)', accounts, null)).toBeNull();
  });

  it('takes a known time zone, blank as the display zone, and explains an unknown one', () => {
    expect(parseZone(' Europe/Berlin ')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(parseZone('')).toEqual({ ok: true, value: null });
    const bad = parseZone('Mars/Olympus');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('Mars/Olympus');
  });

  it('undoes an edit field by field and skips edits that change nothing', () => {
    const futures = { ...account('a', 'Futures'), broker: 'IBKR' };
    expect(accountUndo(futures, { name: 'Fut', timeZone: 'UTC' })).toEqual({ name: 'Futures', timeZone: null });
    expect(changesNothing(futures, { broker: 'IBKR' })).toBe(true);
    expect(changesNothing(futures, { broker: null })).toBe(false);
    expect(withEdit(accounts, { id: 'b', patch: { currency: 'EUR' } })[1]).toMatchObject({
      name: 'Cash',
      currency: 'EUR',
    });
  });

  it('says what happens to the trades before an account is deleted', () => {
    expect(deleteQuestion('Cash', 0)).toBe('Delete “Cash”? It has no trades.');
    expect(deleteQuestion('Futures', 1)).toContain('has 1 trade. Deleting the account deletes it too');
    expect(deleteQuestion('Futures', 12500)).toContain('has 12,500 trades');
  });
});
