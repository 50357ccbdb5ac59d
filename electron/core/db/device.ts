import type { Database } from 'better-sqlite3';
import { uuidv7 } from '../journal/ids';

/** This journal's device id, created on first open and kept in `meta`. */
export function ensureDeviceId(db: Database): string {
  const existing = db.prepare(`SELECT value FROM meta WHERE key = 'device_id'`).pluck().get() as string | undefined;
  if (existing) return existing;
  const id = uuidv7();
  db.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', ?)`).run(id);
  return id;
}
