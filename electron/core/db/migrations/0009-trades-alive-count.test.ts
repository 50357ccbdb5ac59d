import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { queryPlan } from '../../../../tests/support/query-plan';
import { tempCore } from '../../../../tests/support/temp-core';
import { loadDemoJournal } from '../../demo/load';
import { migrate, schemaVersionOf } from '../open';
import { migrations } from './index';

const count = `SELECT count(*) FROM trades t WHERE t.deleted_hlc IS NULL`;

describe('migration 0009 (trades alive count)', () => {
  it("answers the trades list's total from an index, without reading the trades table", () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 8));
    expect(queryPlan(db, count)).not.toMatch(/COVERING INDEX/);
    migrate(db, migrations.slice(0, 9));
    expect(schemaVersionOf(db)).toBe(9);
    expect(queryPlan(db, count)).toMatch(/COVERING INDEX trades_alive/);
  });

  it('keeps that plan once the planner has statistics, and the total still leaves deleted trades out', async () => {
    const t = tempCore();
    try {
      // The demo loader runs ANALYZE, as an import of 10k+ rows does.
      loadDemoJournal(t.core.store, { trades: 300, seed: 3, endDay: '2026-06-10' });
      expect(queryPlan(t.core.store.db, count)).toMatch(/COVERING INDEX trades_alive/);
      const before = await t.call('trades.list', { limit: 5 });
      const first = before.items[0];
      if (!first) throw new Error('demo journal has no trades');
      await t.call('trades.delete', { id: first.id });
      const after = await t.call('trades.list', { limit: 5 });
      expect(after.total).toBe(before.total - 1);
    } finally {
      t.dispose();
    }
  });
});
