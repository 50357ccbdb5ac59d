import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, tempCore } from '../../../tests/support/temp-core';
import { MAX_NAMED_ROWS, newId } from './store';

describe('journal store: every mutation writes its rows and its change log together', () => {
  let t: ReturnType<typeof tempCore>;
  beforeEach(() => {
    t = tempCore();
  });
  afterEach(() => t.dispose());

  it('records one outbox entry per written row, in order, with increasing clocks', async () => {
    const account = await t.call('accounts.create', { name: 'Main' });
    await t.call('accounts.update', { id: account.id, patch: { name: 'Main (IBKR)' } });
    const rows = t.core.store.db.prepare(`SELECT entity, row_id, op, patch, hlc FROM outbox ORDER BY seq`).all() as {
      entity: string;
      row_id: string;
      op: string;
      patch: string;
      hlc: string;
    }[];
    expect(rows.map((r) => [r.entity, r.row_id, r.op])).toEqual([
      ['accounts', account.id, 'upsert'],
      ['accounts', account.id, 'upsert'],
    ]);
    expect(JSON.parse(rows[0]?.patch ?? '')).toEqual(['*']);
    expect(JSON.parse(rows[1]?.patch ?? '')).toEqual(['name']);
    expect((rows[0]?.hlc ?? '') < (rows[1]?.hlc ?? '')).toBe(true);
  });

  it('leaves neither row nor outbox record when a mutation fails part-way', () => {
    const before = { accounts: countRows(t.core, 'accounts'), outbox: countRows(t.core, 'outbox') };
    expect(() =>
      t.core.store.mutate((w) => {
        w.insert('accounts', {
          id: newId(),
          name: 'Half',
          broker: null,
          currency: 'USD',
          time_zone: null,
          created_at: 0,
        });
        // A trade pointing at an account that does not exist breaks the foreign key mid-mutation.
        w.insert('trades', { id: newId(), account_id: 'missing' });
      }),
    ).toThrow();
    expect({ accounts: countRows(t.core, 'accounts'), outbox: countRows(t.core, 'outbox') }).toEqual(before);
  });

  it('announces changes only after they commit', () => {
    const heard: string[][] = [];
    t.core.store.onChange((entities) => heard.push(entities));
    expect(() =>
      t.core.store.mutate((w) => {
        w.insert('tags', { id: newId(), name: 'x', color: null });
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(heard).toEqual([]);
    t.core.store.mutate((w) => w.insert('tags', { id: newId(), name: 'y', color: null }));
    expect(heard).toEqual([['tags']]);
  });

  it('names the rows each committed mutation wrote, and null for a set-based bulk write', () => {
    const heard: [string, string[] | null][][] = [];
    t.core.store.onChange((_, rows) =>
      heard.push([...rows].map(([entity, ids]) => [entity, ids === null ? null : [...ids].sort()])),
    );
    const a = newId();
    const b = newId();
    t.core.store.mutate((w) => {
      w.insert('tags', { id: a, name: 'a', color: null });
      w.insertMany('tags', ['id', 'name', 'color'], [[b, 'b', null]]);
      w.update('tags', a, { color: '#fff' });
    });
    t.core.store.mutate((w) => {
      w.remove('tags', b);
      w.revive('tags', b);
      w.bulk('executions', () => undefined);
    });
    expect(heard).toEqual([
      [['tags', [a, b].sort()]],
      [
        ['tags', [b]],
        ['executions', null],
      ],
    ]);
  });

  it('names no rows, only the entity (null), once a mutation writes more than MAX_NAMED_ROWS of it', () => {
    const heard: [string, number | null][][] = [];
    t.core.store.onChange((_, rows) => heard.push([...rows].map(([entity, ids]) => [entity, ids?.size ?? null])));
    const tags = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => [newId(), `${prefix}${i}`, null]);
    t.core.store.mutate((w) => w.insertMany('tags', ['id', 'name', 'color'], tags(MAX_NAMED_ROWS, 'a')));
    t.core.store.mutate((w) => {
      w.insertMany('tags', ['id', 'name', 'color'], tags(MAX_NAMED_ROWS, 'b'));
      w.insert('tags', { id: newId(), name: 'one too many', color: null });
      w.insert('accounts', { id: newId(), name: 'A', broker: null, currency: 'USD', time_zone: null, created_at: 0 });
    });
    expect(heard).toEqual([
      [['tags', MAX_NAMED_ROWS]],
      [
        ['tags', null],
        ['accounts', 1],
      ],
    ]);
  });

  it('writes a tombstone, not a hard delete, so other devices learn of it', async () => {
    const tag = await t.call('tags.create', { name: 'FOMO' });
    await t.call('tags.delete', { id: tag.id });
    const row = t.core.store.db.prepare(`SELECT deleted_hlc, hlc FROM tags WHERE id = ?`).get(tag.id) as {
      deleted_hlc: string;
      hlc: string;
    };
    expect(row.deleted_hlc).toBe(row.hlc);
    const last = t.core.store.db.prepare(`SELECT op FROM outbox ORDER BY seq DESC LIMIT 1`).pluck().get();
    expect(last).toBe('delete');
    expect(await t.call('tags.list', {})).toEqual([]);
  });

  it('keeps the device id and the clock across restarts', async () => {
    await t.call('tags.create', { name: 'a' });
    const { deviceId } = t.core.store;
    const lastHlc = t.core.store.clock.peek();
    t.core.close();
    const { createCore } = await import('../core');
    const reopened = createCore({ dataDir: t.dataDir, now: () => 0 });
    expect(reopened.store.deviceId).toBe(deviceId);
    expect(reopened.store.clock.now() > lastHlc).toBe(true);
    reopened.close();
  });
});
