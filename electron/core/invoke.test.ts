import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames } from '../../shared/contract';
import { countRows, tempCore } from '../../tests/support/temp-core';

describe('contract validation at the core’s door', () => {
  let t: ReturnType<typeof tempCore>;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('has a handler for every contract method', () => {
    expect(Object.keys(t.core.handlers).sort()).toEqual([...methodNames].sort());
  });

  const badInputs: [string, unknown, string][] = [
    ['accounts.create', { name: 'X', currency: 'usd' }, 'currency'],
    ['accounts.create', { name: 'X', timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['trades.list', { limit: 0 }, 'limit'],
    ['trades.list', { filter: { from: 10, to: 5 } }, 'filter.to'],
    ['trades.update', { id: 'x', patch: { stopPrice: 'abc' } }, 'patch.stopPrice'],
    ['trades.update', { id: 'x', patch: { rating: 9 } }, 'patch.rating'],
    ['trades.update', { id: 'x', patch: { secret: 1 } }, 'patch'],
    ['journal.create', { kind: 'day' }, 'day'],
    ['playbooks.create', { name: '   ' }, 'name'],
    ['tags.create', { name: 'ok', color: 'red' }, 'color'],
    ['attachments.add', { fileName: 'a.png', mime: 'image/png', dataBase64: '%%%' }, 'dataBase64'],
    ['settings.update', { patch: { theme: 'neon' } }, 'patch.theme'],
  ];

  it.each(badInputs)('%s rejects %j with INVALID_INPUT naming %s, writing nothing', async (method, input, path) => {
    const before = countRows(t.core, 'outbox');
    const result = await t.core.invoke(method, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.fields?.map((f) => f.path)).toContain(path);
    expect(result.error.message).toMatch(/^Please check/);
    expect(countRows(t.core, 'outbox')).toBe(before);
  });

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    expect(await t.core.invoke('trades.drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('answers a missing row with NOT_FOUND in words a trader understands', async () => {
    const result = await t.core.invoke('trades.get', { id: 'nope' });
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'That trade no longer exists.' } });
  });

  it('turns a storage failure into STORAGE without leaking SQL details', async () => {
    t.core.store.db.exec('DROP TABLE tags');
    const result = await t.core.invoke('tags.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
    if (!result.ok) expect(result.error.message).not.toMatch(/no such table/);
  });
});
