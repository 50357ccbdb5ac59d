import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveTableCounts, tableCounts } from './tables';

describe('table counts', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec(`
      CREATE TABLE notes (id TEXT PRIMARY KEY, deleted_hlc TEXT);
      CREATE TABLE ticks (ts INTEGER PRIMARY KEY);
      INSERT INTO notes VALUES ('a', NULL), ('b', 'gone'), ('c', NULL);
      INSERT INTO ticks VALUES (1), (2);
    `);
  });
  afterEach(() => db.close());

  it('leaves tombstones out of live counts', () => {
    expect(tableCounts(db)).toEqual({ notes: 3, ticks: 2 });
    expect(liveTableCounts(db)).toEqual({ notes: 2, ticks: 2 });
  });

  it('takes raw counts for tables without tombstones, and still counts the others', () => {
    // Deliberately not the truth: shows which numbers were reused rather than counted.
    expect(liveTableCounts(db, { notes: 99, ticks: 7 })).toEqual({ notes: 2, ticks: 7 });
  });
});
