import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { queryPlan } from '../../../../tests/support/query-plan';
import { tempCore } from '../../../../tests/support/temp-core';
import { loadDemoJournal } from '../../demo/load';
import { migrate, schemaVersionOf } from '../open';
import { migrations } from './index';

const deleted = `SELECT count(*) FROM executions WHERE deleted_hlc IS NOT NULL`;

describe('migration 0011 (deleted fills index)', () => {
  it('counts deleted fills from the partial index instead of scanning the executions table', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 10));
    expect(queryPlan(db, deleted)).toMatch(
      /SCAN executions$|SCAN executions USING COVERING INDEX (?!executions_deleted)/,
    );
    migrate(db, migrations.slice(0, 11));
    expect(schemaVersionOf(db)).toBe(11);
    expect(queryPlan(db, deleted)).toMatch(/executions_deleted/);
  });

  it('leaves the fills of a deleted trade out of the status count', async () => {
    const t = tempCore();
    try {
      loadDemoJournal(t.core.store, { trades: 40, seed: 5, endDay: '2026-06-10' });
      const fills = (where: string) =>
        t.core.store.db.prepare(`SELECT count(*) FROM executions WHERE ${where}`).pluck().get() as number;
      const before = await t.call('app.status', {});
      expect(before.counts.executions).toBe(fills('deleted_hlc IS NULL'));
      const first = (await t.call('trades.list', { limit: 1 })).items[0];
      if (!first) throw new Error('demo journal has no trades');
      await t.call('trades.delete', { id: first.id });
      const gone = fills('deleted_hlc IS NOT NULL');
      expect(gone).toBeGreaterThan(0);
      const after = await t.call('app.status', {});
      expect(after.counts.executions).toBe(before.counts.executions - gone);
      expect(after.counts.executions).toBe(fills('deleted_hlc IS NULL'));
    } finally {
      t.dispose();
    }
  });
});
