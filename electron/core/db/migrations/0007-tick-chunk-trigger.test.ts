import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../open';
import { migrations } from './index';

const DAY_US = 86_400_000_000;
const t0 = Date.parse('2025-03-03T00:00:00Z') * 1000;

describe('migration 0007 (tick chunk trigger)', () => {
  it('registers chunks of ticks already there, then marks a chunk whenever a new tick lands in it', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 6));
    const insert = db.prepare(`INSERT OR IGNORE INTO ticks (symbol, ts, seq, price, size) VALUES (?, ?, 0, 1.5, 1)`);
    insert.run('ES', t0);
    insert.run('ES', t0 + 1);
    insert.run('NQ', t0 + DAY_US);

    migrate(db, migrations.slice(0, 7));

    expect(schemaVersionOf(db)).toBe(7);
    const chunks = () => db.prepare(`SELECT symbol, day, uploaded_at FROM tick_chunks ORDER BY symbol, day`).all();
    expect(chunks()).toEqual([
      { symbol: 'ES', day: '2025-03-03', uploaded_at: null },
      { symbol: 'NQ', day: '2025-03-04', uploaded_at: null },
    ]);
    db.exec(`UPDATE tick_chunks SET uploaded_at = 1`);
    insert.run('ES', t0); // already there: ignored, nothing to upload
    expect(chunks()).toEqual([
      { symbol: 'ES', day: '2025-03-03', uploaded_at: 1 },
      { symbol: 'NQ', day: '2025-03-04', uploaded_at: 1 },
    ]);
    insert.run('ES', t0 + 5); // new tick in an uploaded chunk
    insert.run('CL', t0 + 2 * DAY_US); // a chunk never seen
    expect(chunks()).toEqual([
      { symbol: 'CL', day: '2025-03-05', uploaded_at: null },
      { symbol: 'ES', day: '2025-03-03', uploaded_at: null },
      { symbol: 'NQ', day: '2025-03-04', uploaded_at: 1 },
    ]);
  });
});
