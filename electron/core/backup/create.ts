import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { appVersion } from '../status';
import { writeArchive, type ArchiveSource, type StreamedMember } from './archive-writer';
import { writeFailure, type BackupFs } from './durable-fs';
import {
  BACKUP_FORMAT,
  backupFileName,
  compactUtc,
  DATABASE_MEMBER,
  FORMAT_VERSION,
  memberPathProblem,
  PARTIAL_SUFFIX,
  type Manifest,
} from './format';
import { abortError } from './hashing';
import { liveTableCounts, tableCounts } from './tables';

/** Reports how far a phase has come. */
export type Progress = (phase: string, done: number, total: number) => void;

export type CreateBackupOptions = {
  /** The live journal; read with SQLite's online backup, so it may keep being written. */
  db: Db;
  deviceId: string;
  filesDir: string;
  embeddingsDir: string;
  /** Where the archive goes. */
  folder: string;
  /** Scratch space on the journal's own disk (the database snapshot is made here). */
  workRoot: string;
  includeEmbeddings: boolean;
  fs: BackupFs;
  now: number;
  signal: AbortSignal;
  progress: Progress;
};

export type CreatedArchive = {
  file: string;
  size: number;
  createdAt: number;
  manifest: Manifest;
  /** Each member's size and CRC-32 as it was streamed, for the read-back. */
  streamed: StreamedMember[];
};

/** Pages copied per step of the online backup: large enough to be quick, small enough to let calls in between. */
const PAGES_PER_STEP = 4096;

/** Write one backup archive: database snapshot, attachment files, optional embeddings, manifest. */
export async function createBackupArchive(o: CreateBackupOptions): Promise<CreatedArchive> {
  try {
    await o.fs.mkdir(o.folder);
  } catch (error) {
    throw writeFailure(error, o.folder);
  }
  const target = freeName(o.folder, o.now);
  const work = makeWorkDir(o.workRoot, 'backup', o.now);
  let snapshot: Snapshot | undefined;
  try {
    snapshot = await snapshotDatabase(o.db, join(work, DATABASE_MEMBER), o.signal, (done, total) =>
      o.progress('snapshot', done, total),
    );
    const { tables, liveTables, schemaVersion } = snapshot;
    const sources: ArchiveSource[] = [
      {
        path: DATABASE_MEMBER,
        file: snapshot.file,
        size: statSync(snapshot.file).size,
        hashInWorker: true,
        onRead: snapshot.release,
      },
      ...attachmentSources(o.filesDir),
      ...(o.includeEmbeddings ? embeddingSources(o.embeddingsDir) : []),
    ];
    let manifest: Manifest | undefined;
    const written = await writeArchive({
      target,
      sources,
      fs: o.fs,
      signal: o.signal,
      mtime: new Date(o.now),
      onProgress: (done, total) => o.progress('archive', done, total),
      manifest: (members) =>
        (manifest = {
          format: BACKUP_FORMAT,
          formatVersion: FORMAT_VERSION,
          appVersion,
          schemaVersion,
          deviceId: o.deviceId,
          createdAt: o.now,
          tables,
          liveTables,
          includesEmbeddings: o.includeEmbeddings && sources.some((s) => s.path.startsWith('embeddings/')),
          members,
        }),
    });
    if (!manifest) throw new Error('The archive was written without a manifest.');
    return { file: target, size: written.size, createdAt: o.now, manifest, streamed: written.streamed };
  } finally {
    // Reading stopped early (an error, a cancel): the read lock goes now.
    snapshot?.release();
    await o.fs.remove(work).catch(() => undefined);
  }
}

/** Where SQLite's lock bytes lie in every database file (its PENDING_BYTE). */
const WINDOWS_LOCK_OFFSET = 0x4000_0000;

/** The journal as of one instant: where to read it, and what it holds. */
export type Snapshot = {
  how: 'read lock' | 'online backup';
  /** The live journal.sqlite itself (read lock), or a copy in the work folder. */
  file: string;
  tables: Record<string, number>;
  liveTables: Record<string, number>;
  schemaVersion: number;
  /** Ends the read lock once the archive has read `file` (idempotent; nothing to do for a copy). */
  release: () => void;
};

/**
 * A consistent view of the journal, even while it is being written. Fast path: a
 * checkpoint folds the WAL into journal.sqlite, then a second connection begins a read
 * transaction while the WAL is empty. Such a reader reads journal.sqlite alone, and while
 * it holds its read lock no checkpoint may write into that file (SQLite's WAL locking,
 * across processes): writes made meanwhile go to the WAL only. So the archive streams
 * journal.sqlite itself while the lock is held, and the counts come from that reader: no
 * copy at all (a copy cost ~0.65 s and 456 MB of writes on the bench journal). When the
 * checkpoint cannot finish (another connection is reading or writing) or a write got in
 * before the read began, SQLite's online backup copies it page by page into `copyTo`.
 */
export async function snapshotDatabase(
  db: Db,
  copyTo: string,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<Snapshot> {
  onProgress(0, 1);
  const locked = readLockedView(db, signal);
  if (locked) {
    onProgress(1, 1);
    return locked;
  }
  await db.backup(copyTo, {
    progress: ({ totalPages, remainingPages }) => {
      // Throwing here makes better-sqlite3 stop the backup and reject.
      if (signal.aborted) throw abortError(signal);
      onProgress(totalPages - remainingPages, totalPages);
      return PAGES_PER_STEP;
    },
  });
  const copy = new Database(copyTo, { readonly: true, fileMustExist: true });
  try {
    return { how: 'online backup', file: copyTo, ...describe(copy), release: () => undefined };
  } finally {
    copy.close();
  }
}

/** The fast path of snapshotDatabase; null (no lock held) when its conditions do not hold. */
function readLockedView(db: Db, signal: AbortSignal): Snapshot | null {
  if (db.memory || db.inTransaction || db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  // Windows locks are mandatory: a reader's SHARED lock covers bytes just past 1 GiB of the
  // file (SQLite's lock page), and reading them from another handle fails. Smaller files
  // do not reach it; larger ones take SQLite's own page copy, which skips that page.
  if (process.platform === 'win32' && statSync(db.name).size > WINDOWS_LOCK_OFFSET) return null;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  let result: { busy: number } | undefined;
  try {
    // Never wait for other connections here: the online backup does not need them to finish.
    db.pragma('busy_timeout = 0');
    result = (db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0];
  } catch {
    return null;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  if (!result || result.busy !== 0) return null;
  // A connection of its own: the journal's may write (and open transactions) meanwhile.
  const reader = new Database(db.name, { readonly: true, fileMustExist: true });
  let held = false;
  try {
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    // Empty WAL with the read transaction open: it began with nothing in the WAL, so it reads
    // journal.sqlite alone. A write in between leaves frames, and the page copy takes over.
    if (walSize(db.name) !== 0) return null;
    if (signal.aborted) throw abortError(signal);
    const view = describe(reader);
    held = true;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      reader.close();
    };
    return { how: 'read lock', file: db.name, ...view, release };
  } finally {
    if (!held) reader.close();
  }
}

function walSize(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** Row counts and schema version, as `db`'s connection sees the journal. */
function describe(db: Db): Pick<Snapshot, 'tables' | 'liveTables' | 'schemaVersion'> {
  const tables = tableCounts(db);
  return {
    tables,
    liveTables: liveTableCounts(db, tables),
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
  };
}

/** Content-addressed attachment files; half-written temporaries (`*.tmp`) are not attachments. */
function attachmentSources(dir: string): ArchiveSource[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name))
    .map((e) => {
      const file = join(dir, e.name);
      return { path: `files/${e.name}`, file, size: statSync(file).size };
    });
}

function embeddingSources(dir: string): ArchiveSource[] {
  if (!existsSync(dir)) return [];
  const sources: ArchiveSource[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue; // symbolic links are never followed into an archive
    const file = join(entry.parentPath, entry.name);
    const path = `embeddings/${relative(dir, file).split(sep).join('/')}`;
    if (memberPathProblem(path) === null) sources.push({ path, file, size: statSync(file).size });
  }
  return sources;
}

/** The archive name for this instant, or `-1`, `-2`… when another backup took that second. */
function freeName(folder: string, now: number): string {
  for (let attempt = 0; ; attempt++) {
    const file = join(folder, backupFileName(now, attempt));
    if (!existsSync(file) && !existsSync(file + PARTIAL_SUFFIX)) return file;
  }
}

/** A private scratch folder under `<root>`, removed by its user (or swept a day later). */
export function makeWorkDir(root: string, purpose: string, now: number): string {
  const dir = join(root, `${purpose}-${compactUtc(now)}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}
