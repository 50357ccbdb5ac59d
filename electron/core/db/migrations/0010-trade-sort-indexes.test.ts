import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { queryPlan } from '../../../../tests/support/query-plan';
import { R_MULTIPLE_SQL } from '../../journal/stats-r';
import { migrate, schemaVersionOf } from '../open';
import { migrations } from './index';

const orders = [
  ['trades_by_closed', 't.closed_at'],
  ['trades_by_symbol_id', 't.symbol'],
  ['trades_by_net', 'CAST(t.net_pnl AS REAL)'],
  ['trades_by_r', `(${R_MULTIPLE_SQL})`],
] as const;

describe('migration 0010 (trade sort indexes)', () => {
  it('adds an index that serves each sort order of the trades list without a sort step', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 9));
    const query = (sql: string) =>
      `SELECT t.id FROM trades t WHERE t.deleted_hlc IS NULL AND ${sql} IS NOT NULL ORDER BY ${sql} DESC, t.id DESC LIMIT 5`;
    for (const [, sql] of orders) expect(queryPlan(db, query(sql))).toMatch(/TEMP B-TREE/);
    migrate(db, migrations.slice(0, 10));
    expect(schemaVersionOf(db)).toBe(10);
    for (const [index, sql] of orders) {
      // The R index repeats stats-r's expression; INDEXED BY fails outright if they drift apart.
      const indexed = query(sql).replace('FROM trades t', `FROM trades t INDEXED BY ${index}`);
      expect(queryPlan(db, indexed), index).not.toMatch(/TEMP B-TREE/);
    }
  });
});
