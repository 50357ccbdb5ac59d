import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempCore } from '../../../../tests/support/temp-core';
import { loadDemoJournal } from '../../demo/load';
import { migrate, schemaVersionOf } from '../open';
import { migrations } from './index';

describe('migration 0012 (the rules a trade kept)', () => {
  it('gives every existing trade an empty list', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 11));
    const columns = () => db.prepare(`SELECT name FROM pragma_table_info('trades')`).pluck().all();
    expect(columns()).not.toContain('rules_kept');
    migrate(db, migrations.slice(0, 12));
    expect(schemaVersionOf(db)).toBe(12);
    expect(columns()).toContain('rules_kept');
  });

  it('stores the ticked rules once each, reads them back, and an untouched trade has none', async () => {
    const t = tempCore();
    try {
      loadDemoJournal(t.core.store, { trades: 20, seed: 4, endDay: '2026-06-10' });
      // Trades without a playbook: the demo ticks rules only on reviewed playbook trades.
      const [first, second] = (await t.call('trades.list', { limit: 20 })).items.filter((x) => x.playbookId === null);
      if (!first || !second) throw new Error('demo journal has too few trades without a playbook');
      expect(first.rulesKept).toEqual([]);
      const updated = await t.call('trades.update', { id: first.id, patch: { rulesKept: ['a', 'b', 'a'] } });
      expect(updated.rulesKept).toEqual(['a', 'b']);
      expect((await t.call('trades.get', { id: first.id })).rulesKept).toEqual(['a', 'b']);
      expect((await t.call('trades.get', { id: second.id })).rulesKept).toEqual([]);
      await t.call('trades.update', { id: first.id, patch: { rulesKept: [] } });
      expect((await t.call('trades.get', { id: first.id })).rulesKept).toEqual([]);
    } finally {
      t.dispose();
    }
  });
});
