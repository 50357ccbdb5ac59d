import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { compareHlc } from '../../../shared/domain/hlc';
import { openJournalDb } from '../db/open';
import { uuidv7 } from '../journal/ids';
import { hasTable } from './tables';

/**
 * The tables prepareRestoredDatabase changes the row count of (besides migrations): the
 * restore recounts only these when no migration ran. Keep in step with the code below.
 */
export const TABLES_PREPARE_RECOUNTS = ['meta', 'outbox', 'sync_state'] as const;

/** What the journal being replaced hands to the restored one. */
export type CarriedOver = {
  /** Backup bookkeeping (settings, catalog, last backup time): about files on this computer. */
  bookkeeping: [key: string, value: string][];
  /** The live journal's clock, so edits after the restore sort after every edit before it. */
  hlc: string;
  restoredFrom: string;
  now: number;
};

/**
 * Make a verified, extracted database ready to become this journal (before the swap, so a
 * failure here changes nothing): migrate it forward, give it a new device id, reset sync
 * state and mark every row for a full push.
 *
 * The outbox is emptied rather than rebuilt: `needs_full_push = 1` tells the sync engine
 * to push every row (live and tombstoned) from scratch, re-stamped by the new device, so
 * the restored journal wins over the newer state the cloud may hold. Rebuilding one outbox
 * record per row would double the file for nothing. Tick chunks are marked not uploaded
 * for the same reason.
 */
export function prepareRestoredDatabase(file: string, carried: CarriedOver): { deviceId: string } {
  const db = openJournalDb(file);
  const deviceId = uuidv7(carried.now);
  try {
    db.transaction(() => {
      const setMeta = db.prepare(
        `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      );
      setMeta.run('device_id', deviceId);
      const savedHlc = db.prepare(`SELECT value FROM meta WHERE key = 'hlc'`).pluck().get() as string | undefined;
      if (savedHlc === undefined || compareHlc(carried.hlc.slice(0, 22), savedHlc.slice(0, 22)) > 0) {
        setMeta.run('hlc', carried.hlc);
      }
      db.exec(`DELETE FROM outbox; DELETE FROM sync_state;`);
      const setState = db.prepare(`INSERT INTO sync_state (key, value) VALUES (?, ?)`);
      for (const [key, value] of carried.bookkeeping) setState.run(key, value);
      setState.run('needs_full_push', '1');
      setState.run('restored_at', String(carried.now));
      setState.run('restored_from', carried.restoredFrom);
      if (hasTable(db, 'tick_chunks')) db.exec(`UPDATE tick_chunks SET uploaded_at = NULL`);
    })();
    // Fold the WAL back into the file: only journal.sqlite itself moves into place.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  syncFile(file);
  return { deviceId };
}

/** fsync one file. */
export function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * fsync one file on the thread pool. The restore starts this on the freshly extracted
 * database and lets it run while the checks read the file, so the final fsync after
 * preparing only has the pages preparing wrote left to flush.
 */
export async function syncFileInBackground(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync a folder, so renames inside it survive a power cut (not possible on Windows). */
export function syncDirSync(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
