import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, tempCore } from '../../../tests/support/temp-core';

describe('accounts a trader edits in Settings', () => {
  let t: ReturnType<typeof tempCore>;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  const outboxFor = (rowId: string) =>
    t.core.store.db.prepare(`SELECT op FROM outbox WHERE row_id = ? ORDER BY seq`).pluck().all(rowId);

  it('renames and changes broker, currency and time zone, each change logged for sync', async () => {
    const account = await t.call('accounts.create', { name: 'Futures', currency: 'USD' });
    await t.call('accounts.update', { id: account.id, patch: { name: 'Futures (IBKR)', broker: 'IBKR' } });
    const edited = await t.call('accounts.update', {
      id: account.id,
      patch: { currency: 'EUR', timeZone: 'Europe/Berlin' },
    });
    expect(edited).toMatchObject({
      name: 'Futures (IBKR)',
      broker: 'IBKR',
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
    });
    expect(await t.call('accounts.list', {})).toEqual([edited]);
    expect(outboxFor(account.id)).toHaveLength(3);
    const cleared = await t.call('accounts.update', { id: account.id, patch: { broker: null, timeZone: null } });
    expect(cleared).toMatchObject({ broker: null, timeZone: null });
  });

  it('refuses a name another account has, an unknown time zone and an account that is gone', async () => {
    const futures = await t.call('accounts.create', { name: 'Futures' });
    await t.call('accounts.create', { name: 'Cash' });
    const outbox = countRows(t.core, 'outbox');
    expect(await t.core.invoke('accounts.create', { name: 'futures' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await t.core.invoke('accounts.update', { id: futures.id, patch: { name: ' CASH ' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await t.core.invoke('accounts.update', { id: futures.id, patch: { timeZone: 'Mars/Olympus' } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'patch.timeZone' }] } });
    expect(await t.core.invoke('accounts.update', { id: 'nope', patch: { name: 'X' } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(countRows(t.core, 'outbox')).toBe(outbox);
    // Renaming to its own name in another case is fine.
    expect(await t.call('accounts.update', { id: futures.id, patch: { name: 'FUTURES' } })).toMatchObject({
      name: 'FUTURES',
    });
  });

  it('deletes an empty account at once but one with trades only when told to take them too', async () => {
    const empty = await t.call('accounts.create', { name: 'Unused' });
    expect(await t.call('accounts.delete', { id: empty.id })).toEqual({ id: empty.id, trades: 0 });
    await t.call('demo.load', { trades: 30, seed: 2 });
    const [first] = await t.call('accounts.list', {});
    if (!first) throw new Error('the demo made no accounts');
    const own = (await t.call('trades.list', { filter: { accountIds: [first.id] }, limit: 1 })).total;
    expect(own).toBeGreaterThan(0);
    const statsBefore = await t.call('stats.get', { filter: {} });

    const refused = await t.core.invoke('accounts.delete', { id: first.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!refused.ok) expect(refused.error.message).toContain(`${own} trade`);
    expect((await t.call('accounts.list', {})).map((a) => a.id)).toContain(first.id);

    expect(await t.call('accounts.delete', { id: first.id, withTrades: true })).toEqual({ id: first.id, trades: own });
    // No trade, fill or tag link is left pointing at the deleted account, and stats drop them.
    const db = t.core.store.db;
    const live = (table: string) =>
      db.prepare(`SELECT count(*) FROM ${table} WHERE account_id = ? AND deleted_hlc IS NULL`).pluck().get(first.id);
    expect(live('trades')).toBe(0);
    expect(live('executions')).toBe(0);
    const statsAfter = await t.call('stats.get', { filter: {} });
    expect(statsAfter.summary.closedTrades + statsAfter.summary.openTrades).toBe(
      statsBefore.summary.closedTrades + statsBefore.summary.openTrades - own,
    );
    expect(outboxFor(first.id).at(-1)).toBe('delete');
  });
});
