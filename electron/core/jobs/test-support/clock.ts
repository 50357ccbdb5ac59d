import Database from 'better-sqlite3';
import { migrate } from '../../db/open';
import { migrations } from '../../db/migrations';

/** A clock tests move by hand. */
export function manualClock(start = 1_750_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

/** An in-memory journal database with every migration applied. */
export function memoryJournal(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, migrations);
  return db;
}
