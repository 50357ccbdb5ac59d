import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TradeSort } from '../../../shared/contract';
import { tradeSortKeys } from '../../../shared/contract/trades';
import type { Trade } from '../../../shared/domain/types';
import { tempCore } from '../../../tests/support/temp-core';
import { tradeWhere } from './trade-query';
import { decodeCursor, encodeCursor, escapeLike, sortWalks } from './trade-sort';

type Value = number | string | null;
const valueOf: Record<TradeSort['key'], (t: Trade) => Value> = {
  openedAt: (t) => t.openedAt,
  closedAt: (t) => t.closedAt,
  symbol: (t) => t.symbol,
  netPnl: (t) => Number(t.netPnl),
  rMultiple: (t) => (t.rMultiple === null ? null : Number(t.rMultiple)),
};

/** -1/0/1 in the asked direction, nulls last either way; 0 means "same value". */
function compareValues(a: Value, b: Value, dir: 'asc' | 'desc'): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const c = a < b ? -1 : a > b ? 1 : 0;
  return dir === 'asc' ? c : -c;
}

describe('trades.list sort orders and their cursors', () => {
  let t: ReturnType<typeof tempCore>;
  beforeAll(async () => {
    t = tempCore();
    await t.call('demo.load', { trades: 250, seed: 11 });
    // The demo closes every trade; reopen a few so closedAt has nulls to place.
    t.core.store.db.exec(
      `UPDATE trades SET closed_at = NULL, status = 'open' WHERE id IN (SELECT id FROM trades ORDER BY id LIMIT 7)`,
    );
  });
  afterAll(() => t.dispose());

  const pageThrough = async (sort: TradeSort, limit: number, search?: string) => {
    const seen: Trade[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 1000; i++) {
      const page: Awaited<ReturnType<typeof t.call<'trades.list'>>> = await t.call('trades.list', {
        sort,
        search,
        cursor,
        limit,
      });
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    return seen;
  };

  for (const key of tradeSortKeys) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`sorts by ${key} ${dir}, nulls last, ties by id, and pages to the same list`, async () => {
        const sort = { key, dir };
        const whole = (await t.call('trades.list', { sort, limit: 1000 })).items;
        expect(whole).toHaveLength(250);
        const paged = await pageThrough(sort, 17);
        expect(paged.map((x) => x.id)).toEqual(whole.map((x) => x.id));
        for (let i = 1; i < whole.length; i++) {
          const [a, b] = [whole[i - 1]!, whole[i]!];
          const c = compareValues(valueOf[key](a), valueOf[key](b), dir);
          const pair = `${i}: ${String(valueOf[key](a))} then ${String(valueOf[key](b))}`;
          expect(c, pair).toBeLessThanOrEqual(0);
          // R is shown rounded, so two equal-looking Rs may differ in SQL; the others tie exactly.
          if (c === 0 && key !== 'rMultiple') expect(dir === 'asc' ? a.id < b.id : a.id > b.id, pair).toBe(true);
        }
      });
    }
  }

  it('has nulls and ties to order in the fixture', async () => {
    const all = (await t.call('trades.list', { limit: 1000 })).items;
    expect(all.filter((x) => x.closedAt === null)).toHaveLength(7);
    expect(all.filter((x) => x.rMultiple === null).length).toBeGreaterThan(0);
    expect(all.filter((x) => x.rMultiple !== null).length).toBeGreaterThan(0);
    expect(new Set(all.map((x) => x.symbol)).size).toBeLessThan(all.length);
    expect(new Set(all.map((x) => x.netPnl)).size).toBeLessThan(all.length);
  });

  it('keeps the default order newest first when no sort is given', async () => {
    const plain = (await t.call('trades.list', { limit: 1000 })).items.map((x) => x.id);
    const explicit = (await t.call('trades.list', { sort: { key: 'openedAt', dir: 'desc' }, limit: 1000 })).items;
    expect(plain).toEqual(explicit.map((x) => x.id));
  });

  it('walks an index for every order, first page and later ones, with no sort step', () => {
    // The statistics PRAGMA optimize left in a 100k-trade demo journal: by them trades_alive looks
    // selective, and the planner would rather take it and sort every live trade for each page.
    const db = t.core.store.db;
    db.exec('ANALYZE');
    const stats = db.prepare(`UPDATE sqlite_stat1 SET stat = ? WHERE tbl = 'trades' AND idx = ?`);
    stats.run('100000 1001', 'trades_alive');
    stats.run('100000 1 1 1 1 1 1 1 1', 'trades_by_time');
    stats.run('100000 1001 1', 'trades_by_symbol_time');
    stats.run('100000 1', 'sqlite_autoindex_trades_1');
    db.exec('ANALYZE sqlite_schema');
    const where = tradeWhere({ side: 'long' });
    for (const key of tradeSortKeys) {
      for (const dir of ['asc', 'desc'] as const) {
        const sort = { key, dir };
        const cursors = [null, { sort, value: key === 'symbol' ? 'M' : 1, id: 'z', total: 0 }];
        for (const cursor of [...cursors, { sort, value: null, id: 'z', total: 0 }]) {
          for (const walk of sortWalks(sort, cursor)) {
            const sql = `EXPLAIN QUERY PLAN SELECT t.id FROM trades t INDEXED BY ${walk.index}
              WHERE ${where.sql} AND ${walk.where} ORDER BY ${walk.orderBy} LIMIT 5`;
            const plan = (db.prepare(sql).all(...where.params, ...walk.params) as { detail: string }[])
              .map((r) => r.detail)
              .join('\n');
            const label = `${key} ${dir} after ${JSON.stringify(cursor?.value)}: ${walk.where}`;
            expect(plan, label).toContain(`INDEX ${walk.index}`);
            expect(plan, label).not.toContain('TEMP B-TREE');
            // A later page starts inside the index (a range), not by walking past the earlier rows.
            if (cursor !== null) expect(plan, label).toMatch(/SEARCH t USING (COVERING )?INDEX \S+ \(/);
          }
        }
      }
    }
  });

  it('refuses a cursor from another sort, a forged one, and an unknown sort key', async () => {
    const first = await t.call('trades.list', { sort: { key: 'netPnl', dir: 'asc' }, limit: 5 });
    const other = await t.core.invoke('trades.list', {
      sort: { key: 'netPnl', dir: 'desc' },
      cursor: first.nextCursor,
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const forged = await t.core.invoke('trades.list', { cursor: Buffer.from('[1,2]').toString('base64url') });
    expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = await t.core.invoke('trades.list', { sort: { key: 'notes', dir: 'asc' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('round-trips a cursor, including a null sort value', () => {
    const sort: TradeSort = { key: 'rMultiple', dir: 'asc' };
    for (const value of [null, -1.25, 'ES']) {
      const cursor = { sort, value, id: 'abc', total: 9 };
      expect(decodeCursor(encodeCursor(cursor), sort)).toEqual(cursor);
    }
  });
});

describe('trades.list search', () => {
  let t: ReturnType<typeof tempCore>;
  let all: Trade[];
  beforeAll(async () => {
    t = tempCore();
    await t.call('demo.load', { trades: 120, seed: 5 });
    all = (await t.call('trades.list', { limit: 1000 })).items;
    await t.call('trades.update', { id: all[0]!.id, patch: { notes: 'Sized 100% in, a_b test' } });
    await t.call('trades.update', { id: all[1]!.id, patch: { notes: 'Sized 100 percent, abb' } });
    all = (await t.call('trades.list', { limit: 1000 })).items;
  });
  afterAll(() => t.dispose());

  const ids = async (search: string) => (await t.call('trades.list', { search, limit: 1000 })).items.map((x) => x.id);

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });

  it('matches % and _ literally, not as wildcards', async () => {
    expect(await ids('100%')).toEqual([all[0]!.id]);
    expect(await ids('a_b')).toEqual([all[0]!.id]);
    expect(await ids('%')).toEqual(all.filter((x) => x.notes.includes('%') || x.symbol.includes('%')).map((x) => x.id));
  });

  it('matches symbol, notes and tag names, ignoring case', async () => {
    const tags = await t.call('tags.list', {});
    const tag = tags.find((x) => all.some((tr) => tr.tagIds.includes(x.id)))!;
    const symbol = all[5]!.symbol;
    const needle = (text: string) => text.toLowerCase();
    const expected = (q: string) =>
      all
        .filter(
          (x) =>
            needle(x.symbol).includes(q) ||
            needle(x.notes).includes(q) ||
            x.tagIds.some((id) => needle(tags.find((g) => g.id === id)?.name ?? '').includes(q)),
        )
        .map((x) => x.id);
    for (const q of [symbol.toLowerCase(), tag.name.toUpperCase(), 'SIZED']) {
      const found = await ids(q);
      expect(found.length, q).toBeGreaterThan(0);
      expect(found, q).toEqual(expected(q.toLowerCase()));
    }
    const page = await t.call('trades.list', { search: 'sized', limit: 1 });
    expect(page.total).toBe(expected('sized').length);
  });
});
