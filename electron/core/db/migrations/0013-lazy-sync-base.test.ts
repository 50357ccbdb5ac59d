import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cloudEntity, rowColumns } from '../../../../sync/entities';
import { migrate, schemaVersionOf } from '../open';
import { lazyBaseColumns } from './0013-lazy-sync-base';
import { migrations } from './index';

function journal(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, migrations.slice(0, 13));
  expect(schemaVersionOf(db)).toBe(13);
  db.exec(`
    INSERT INTO accounts (id, name, currency, created_at, hlc, device_id) VALUES ('a1', 'Main', 'USD', 0, 'h0', 'd');
    INSERT INTO journal_entries (id, kind, day, title, body, created_at, updated_at, hlc, device_id)
      VALUES ('j1', 'day', '2026-12-01', 'Plan', 'first words', 0, 0, 'h1', 'd');`);
  return db;
}

const bases = (db: Database.Database) =>
  db.prepare(`SELECT entity, id, hlc, texts FROM sync_base ORDER BY entity, id`).all() as {
    entity: string;
    id: string;
    hlc: string;
    texts: string;
  }[];

describe('migration 0013 (merge bases saved on the first change after a sync)', () => {
  it('saves the version a clean row is edited from, once, and nothing for rows with pending changes', () => {
    const db = journal();
    // No outbox record: the row is as the cloud has it. Its first new version saves the old one.
    db.prepare(`UPDATE journal_entries SET body = 'second words', hlc = 'h2' WHERE id = 'j1'`).run();
    db.prepare(
      `INSERT INTO outbox (mutation_id, entity, row_id, op, patch, hlc, created_at)
      VALUES ('m1', 'journal_entries', 'j1', 'upsert', '["body"]', 'h2', 0)`,
    ).run();
    expect(bases(db)).toHaveLength(1);
    const [base] = bases(db);
    expect(base).toMatchObject({ entity: 'journal_entries', id: 'j1', hlc: 'h1' });
    expect(JSON.parse(base!.texts)).toMatchObject({ title: 'Plan', body: 'first words', hlc: 'h1', day: '2026-12-01' });

    // A second change before the push keeps the base it was first edited from.
    db.prepare(`UPDATE journal_entries SET body = 'third words', hlc = 'h3' WHERE id = 'j1'`).run();
    expect(bases(db)[0]).toMatchObject({ hlc: 'h1' });

    // A change that makes no new version (the same HLC) saves nothing.
    db.prepare(`DELETE FROM sync_base`).run();
    db.prepare(`DELETE FROM outbox`).run();
    db.prepare(`UPDATE journal_entries SET mood = 3 WHERE id = 'j1'`).run();
    expect(bases(db)).toEqual([]);

    // A row with a pending record (never synced, or changed since) saves nothing either.
    db.prepare(
      `INSERT INTO outbox (mutation_id, entity, row_id, op, patch, hlc, created_at)
      VALUES ('m2', 'journal_entries', 'j1', 'upsert', '["body"]', 'h4', 0)`,
    ).run();
    db.prepare(`UPDATE journal_entries SET body = 'fourth', hlc = 'h4' WHERE id = 'j1'`).run();
    expect(bases(db)).toEqual([]);
  });

  it('does the same for trades, and an existing base is left as it is', () => {
    const db = journal();
    db.exec(`INSERT INTO trades (id, account_id, symbol, asset_class, side, status, opened_at, quantity, entry_price,
      gross_pnl, fees, net_pnl, outcome, currency, notes, hlc, device_id)
      VALUES ('t1', 'a1', 'ES', 'future', 'long', 'open', 0, '1', '5000', '0', '0', '0', 0, 'USD', 'went well', 'h1', 'd')`);
    db.prepare(`INSERT INTO sync_base VALUES ('trades', 't1', 'h0', '{"notes":"older"}')`).run();
    db.prepare(`UPDATE trades SET notes = 'went badly', hlc = 'h2' WHERE id = 't1'`).run();
    expect(bases(db)).toEqual([{ entity: 'trades', id: 't1', hlc: 'h0', texts: '{"notes":"older"}' }]);
    db.prepare(`DELETE FROM sync_base`).run();
    db.prepare(`UPDATE trades SET notes = 'went sideways', hlc = 'h3' WHERE id = 't1'`).run();
    const [base] = bases(db);
    expect(base).toMatchObject({ entity: 'trades', id: 't1', hlc: 'h2' });
    expect(JSON.parse(base!.texts)).toMatchObject({ notes: 'went badly', rules_kept: '[]', symbol: 'ES' });
  });

  it('saves every column sync sends, so a new synced column needs a new trigger', () => {
    for (const table of ['trades', 'journal_entries'] as const) {
      expect([...lazyBaseColumns[table]]).toEqual(rowColumns(cloudEntity(table)));
    }
    const db = journal();
    const columns = (table: string) =>
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).sort();
    expect([...lazyBaseColumns.trades].sort()).toEqual(columns('trades'));
    expect([...lazyBaseColumns.journal_entries].sort()).toEqual(columns('journal_entries'));
  });
});
