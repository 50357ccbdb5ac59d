import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { copyFile, readdir, rename, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import Database from 'better-sqlite3';
import type { RestoreSummary } from '../../../shared/contract/backups';
import { CoreError } from '../../../shared/contract/errors';
import { latestSchemaVersion } from '../db/migrations';
import { databaseIdentity, type RestoreLines, type VerifiedDatabase } from '../integrity/verified-database';
import type { Store } from '../journal/store';
import type { journalPaths } from '../paths';
import { makeWorkDir, type Progress } from './create';
import { compactUtc, DATABASE_MEMBER } from './format';
import { abortError, sha256OfFile } from './hashing';
import {
  prepareRestoredDatabase,
  syncDirSync,
  syncFile,
  syncFileInBackground,
  TABLES_PREPARE_RECOUNTS,
} from './prepare-restored';
import { isBackupBookkeepingKey } from './state';
import { swapDatabaseFile, undoSwap, type SwapPlan } from './swap-files';
import { compareCounts, liveTableCounts, quoteIdent, tableCounts } from './tables';
import { checkExtractedDatabase, verifyArchive } from './verify-archive';

export type RestoreContext = {
  paths: ReturnType<typeof journalPaths>;
  workRoot: string;
  /** The journal open right now. */
  store: () => Store;
  /** Close the journal, run `replace`, reopen (and `undo` first if the new one will not open). */
  swap: (replace: () => void, undo: () => void) => void;
  now: () => number;
  signal: AbortSignal;
  progress: Progress;
};

/**
 * Replace the journal with a backup. Every check runs first, on a private copy: archive
 * structure, each member's SHA-256 and size, SQLite integrity and foreign keys, row counts
 * against the manifest, schema version. Only then is the current journal kept as a safety
 * copy and the restored one swapped in, with a new device id and sync reset.
 */
export async function restoreFromArchive(
  ctx: RestoreContext,
  file: string,
): Promise<{ summary: RestoreSummary; verified: VerifiedDatabase }> {
  if (!isAbsolute(file)) {
    throw new CoreError('INVALID_INPUT', 'Give the backup’s full path.', [
      { path: 'file', message: 'must be a full path' },
    ]);
  }
  if (!existsSync(file) || !statSync(file).isFile())
    throw new CoreError('NOT_FOUND', `There is no backup file at ${file}.`);
  const work = makeWorkDir(ctx.workRoot, 'restore', ctx.now());
  let flushed: Promise<void> | null = null;
  try {
    const extracted = join(work, 'extracted');
    const { manifest } = await verifyArchive(file, {
      extractTo: extracted,
      signal: ctx.signal,
      onProgress: ctx.progress,
    });
    ctx.progress('database checks', 0, 1);
    const staged = join(extracted, DATABASE_MEMBER);
    // The disk writes the extracted bytes while the checks read them (I/O beside CPU work).
    flushed = syncFileInBackground(staged);
    flushed.catch(() => undefined);
    const checked = await checkExtractedDatabase(file, staged, manifest, ctx.signal, () =>
      ctx.progress('integrity check', 0, 1),
    );
    if (ctx.signal.aborted) throw abortError(ctx.signal);

    const store = ctx.store();
    const before = tableCounts(store.db);
    const beforeLive = liveTableCounts(store.db, before);
    const previousDeviceId = store.deviceId;
    const bookkeeping = (
      store.db.prepare(`SELECT key, value FROM sync_state`).raw().all() as [string, string][]
    ).filter(([key]) => isBackupBookkeepingKey(key));
    const restoredAt = ctx.now();
    ctx.progress('preparing', 0, 1);
    await flushed;
    const { deviceId } = prepareRestoredDatabase(staged, {
      bookkeeping,
      hlc: store.clock.peek(),
      restoredFrom: file,
      now: restoredAt,
    });
    // Counted during the checks; only what preparing changed is counted again (everything after a migration).
    const after = manifest.schemaVersion === latestSchemaVersion ? recounted(staged, checked) : countsOf(staged);
    const attachmentsCopied = await copyAttachments(join(extracted, 'files'), ctx.paths.files, ctx.signal);
    if (ctx.signal.aborted) throw abortError(ctx.signal);

    ctx.progress('swap', 0, 1);
    mkdirSync(ctx.paths.backups, { recursive: true });
    const safetyCopy = freeSafetyName(ctx.paths.backups, restoredAt);
    const plan: SwapPlan = {
      live: ctx.paths.database,
      staged,
      safetyCopy,
      note: { file: safetyCopy.replace(/\.sqlite$/, '.json'), text: noteText(ctx, file, previousDeviceId, before) },
    };
    ctx.swap(
      () => swapDatabaseFile(plan),
      () => undoSwap(plan),
    );
    // Taken in the same tick as the swap, before any other call can write: the checks above
    // describe the journal as it is now, and a write from here on makes the report re-run them.
    const verified = checksOfRestored(ctx, restoredAt, checked.lines, manifest.schemaVersion === latestSchemaVersion);
    if (manifest.includesEmbeddings) await replaceEmbeddings(join(extracted, 'embeddings'), ctx.paths.embeddings, work);
    ctx.progress('done', 1, 1);
    const summary: RestoreSummary = {
      file,
      restoredAt,
      safetyCopy,
      previousDeviceId,
      deviceId,
      tables: compareCounts({ raw: before, live: beforeLive }, after),
      attachmentsCopied,
    };
    return { summary, verified };
  } finally {
    // The file is closed before it is removed (Windows refuses to remove an open file).
    await flushed?.catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * What the restore's checks proved about the journal now open, for the integrity report
 * to reuse. integrity_check holds across preparing (SQLite wrote those pages itself);
 * the other lines only when no migration ran (see VerifiedDatabase.lines).
 */
function checksOfRestored(
  ctx: RestoreContext,
  restoredAt: number,
  lines: RestoreLines,
  sameSchema: boolean,
): VerifiedDatabase {
  const db = ctx.store().db;
  return {
    identity: databaseIdentity(ctx.paths.database, db),
    pages: db.pragma('page_count', { simple: true }) as number,
    verifiedAt: restoredAt,
    by: 'restore',
    ...(sameSchema ? { lines } : {}),
  };
}

type Counts = { raw: Record<string, number>; live: Record<string, number> };

function recounted(file: string, checked: Counts): Counts {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const raw = { ...checked.raw };
    const live = { ...checked.live };
    for (const table of TABLES_PREPARE_RECOUNTS) {
      if (!(table in raw)) continue;
      // The names are the fixed list above; none of these tables keeps tombstones.
      raw[table] = live[table] = db
        .prepare(`SELECT count(*) FROM ${quoteIdent(table)}`)
        .pluck()
        .get() as number;
    }
    return { raw, live };
  } finally {
    db.close();
  }
}

function countsOf(file: string): { raw: Record<string, number>; live: Record<string, number> } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const raw = tableCounts(db);
    return { raw, live: liveTableCounts(db, raw) };
  } finally {
    db.close();
  }
}

/**
 * Copy the backup's attachment files in before the swap. They are content-addressed, so
 * an extra file is harmless if the restore stops later; an existing file is replaced only
 * when its content no longer matches its name (it was damaged).
 */
async function copyAttachments(from: string, to: string, signal: AbortSignal): Promise<number> {
  if (!existsSync(from)) return 0;
  mkdirSync(to, { recursive: true });
  let copied = 0;
  for (const name of await readdir(from)) {
    if (signal.aborted) throw abortError(signal);
    const dest = join(to, name);
    if (existsSync(dest) && (await sha256OfFile(dest)) === name) continue;
    const temp = `${dest}.${process.pid}.tmp`;
    await copyFile(join(from, name), temp);
    syncFile(temp);
    await rename(temp, dest);
    copied++;
  }
  if (copied > 0) syncDirSync(to);
  return copied;
}

/** Embeddings are derived data (DESIGN §2): the backup's replace whatever is there. */
async function replaceEmbeddings(from: string, to: string, work: string): Promise<void> {
  if (!existsSync(from)) return;
  if (existsSync(to)) await rename(to, join(work, 'embeddings-before'));
  await rename(from, to);
}

function freeSafetyName(dir: string, now: number): string {
  for (let attempt = 0; ; attempt++) {
    const file = join(dir, `pre-restore-${compactUtc(now)}${attempt > 0 ? `-${attempt}` : ''}.sqlite`);
    if (!existsSync(file)) return file;
  }
}

function noteText(ctx: RestoreContext, file: string, deviceId: string, tables: Record<string, number>): string {
  const files = existsSync(ctx.paths.files)
    ? readdirSync(ctx.paths.files).map((name) => ({ name, size: statSync(join(ctx.paths.files, name)).size }))
    : [];
  const note = {
    about:
      'The journal as it was just before a restore. Rename the .sqlite file beside this note to journal.sqlite (with the app closed) to go back.',
    createdAt: ctx.now(),
    restoredFrom: file,
    deviceId,
    tables,
    files,
    embeddings: existsSync(ctx.paths.embeddings),
  };
  return JSON.stringify(note, null, 2);
}
