import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Trade } from '../../../shared/domain/types';
import { countRows, tempCore } from '../../../tests/support/temp-core';

describe('trades: list, annotate, tag and delete', () => {
  let t: ReturnType<typeof tempCore>;
  beforeAll(async () => {
    t = tempCore();
    await t.call('demo.load', { trades: 250, seed: 11 });
  });
  afterEach(() => undefined);

  it('pages through every trade once, newest first, with keyset cursors', async () => {
    const seen: Trade[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof t.call<'trades.list'>>> = await t.call('trades.list', {
        cursor,
        limit: 40,
      });
      expect(page.total).toBe(250);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(250);
    expect(new Set(seen.map((s) => s.id)).size).toBe(250);
    for (let i = 1; i < seen.length; i++) {
      expect((seen[i - 1]?.openedAt ?? 0) >= (seen[i]?.openedAt ?? 0)).toBe(true);
    }
  });

  it('applies every filter the same way as a straightforward scan would', async () => {
    const all = (await t.call('trades.list', { limit: 1000 })).items;
    const accounts = await t.call('accounts.list', {});
    const tags = await t.call('tags.list', {});
    const account = accounts[0]?.id ?? '';
    const tag = tags.find((x) => x.name === 'scaled out')?.id ?? '';
    const from = all[200]?.openedAt ?? 0;
    const to = all[20]?.openedAt ?? 0;
    const cases = [
      { filter: { side: 'short' as const }, expect: (x: Trade) => x.side === 'short' },
      { filter: { outcome: 'win' as const }, expect: (x: Trade) => Number(x.netPnl) > 0 },
      { filter: { outcome: 'loss' as const }, expect: (x: Trade) => Number(x.netPnl) < 0 },
      { filter: { accountIds: [account] }, expect: (x: Trade) => x.accountId === account },
      { filter: { tagId: tag }, expect: (x: Trade) => x.tagIds.includes(tag) },
      { filter: { symbol: 'mesz6' }, expect: (x: Trade) => x.symbol === 'MESZ6' },
      { filter: { from, to }, expect: (x: Trade) => x.openedAt >= from && x.openedAt <= to },
    ];
    for (const c of cases) {
      const page = await t.call('trades.list', { filter: c.filter, limit: 1000 });
      const expected = all.filter(c.expect).map((x) => x.id);
      expect(
        page.items.map((x) => x.id),
        JSON.stringify(c.filter),
      ).toEqual(expected);
      expect(page.total).toBe(expected.length);
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('saves annotations, computes R from the stop, and keeps them after a reopen', async () => {
    const [first] = (await t.call('trades.list', { filter: { accountIds: [] }, limit: 1 })).items;
    if (!first) throw new Error('demo has no trades');
    const [tag] = await t.call('tags.list', {});
    const stop = first.side === 'long' ? String(Number(first.entryPrice) - 2) : String(Number(first.entryPrice) + 2);
    const updated = await t.call('trades.update', {
      id: first.id,
      patch: {
        stopPrice: stop,
        notes: 'Entered early.',
        rating: 2,
        tagIds: [tag?.id ?? ''],
        mistakes: ['chased entry'],
      },
    });
    expect(updated).toMatchObject({ stopPrice: stop, notes: 'Entered early.', rating: 2, mistakes: ['chased entry'] });
    expect(updated.tagIds).toEqual([tag?.id]);
    // R = net / (|entry - stop| x qty x point value) = net / (2 x qty x multiplier)
    const risk = 2 * Number(first.quantity) * Number(first.multiplier);
    expect(Number(updated.rMultiple)).toBeCloseTo(Number(first.netPnl) / risk, 2);
    const untagged = await t.call('trades.update', { id: first.id, patch: { tagIds: [] } });
    expect(untagged.tagIds).toEqual([]);
    const retagged = await t.call('trades.update', { id: first.id, patch: { tagIds: [tag?.id ?? ''] } });
    expect(retagged.tagIds).toEqual([tag?.id]);
  });

  it('bulk-tags trades and counts only real changes', async () => {
    const ids = (await t.call('trades.list', { limit: 10 })).items.map((x) => x.id);
    const tag = await t.call('tags.create', { name: 'reviewed' });
    expect(await t.call('trades.bulkTag', { ids, tagId: tag.id, action: 'add' })).toEqual({ updated: 10 });
    expect(await t.call('trades.bulkTag', { ids, tagId: tag.id, action: 'add' })).toEqual({ updated: 0 });
    expect((await t.call('trades.list', { filter: { tagId: tag.id } })).total).toBe(10);
  });

  it('deletes a trade with its fills as tombstones', async () => {
    const [victim] = (await t.call('trades.list', { limit: 1 })).items;
    if (!victim) throw new Error('no trade');
    const detail = await t.call('trades.get', { id: victim.id });
    expect(detail.executions.length).toBeGreaterThan(1);
    const rowsBefore = countRows(t.core, 'executions');
    await t.call('trades.delete', { id: victim.id });
    expect(await t.core.invoke('trades.get', { id: victim.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(countRows(t.core, 'executions')).toBe(rowsBefore);
    const live = (ids: string[]) =>
      t.core.store.db
        .prepare(
          `SELECT count(*) FROM executions WHERE id IN (${ids.map(() => '?').join(',')}) AND deleted_hlc IS NULL`,
        )
        .pluck()
        .get(...ids);
    expect(live(detail.executions.map((e) => e.id))).toBe(0);
    expect((await t.call('trades.list', {})).total).toBe(249);
  });

  it('counts the total when a listing starts and carries it through the later pages', async () => {
    const first = await t.call('trades.list', { limit: 40 });
    expect(first.total).toBeGreaterThan(40);
    await t.call('trades.delete', { id: first.items[0]!.id });
    // A later page of the same listing: not recounted (the client reloads on journal.changed).
    expect((await t.call('trades.list', { cursor: first.nextCursor, limit: 40 })).total).toBe(first.total);
    expect((await t.call('trades.list', { limit: 40 })).total).toBe(first.total - 1);
  });
});
