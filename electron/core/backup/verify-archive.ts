import Database from 'better-sqlite3';
import { CoreError } from '../../../shared/contract/errors';
import { latestSchemaVersion } from '../db/migrations';
import type { StreamedMember } from './archive-writer';
import { checkMemberCrc, checkMemberSet, damaged, extractMember, openArchive, readManifest } from './archive-reader';
import { DATABASE_MEMBER, type Manifest } from './format';
import { abortError } from './hashing';
import { hasTable, liveTableCounts, tableCounts } from './tables';
import type { IntegrityCheck } from '../../../shared/contract/backups';
import { foreignKeysFrom } from '../integrity/database-checks';
import { NO_COUNTED_LINES, planCountedLines } from '../integrity/restore-lines';
import { answerValue, queryInWorker, type WorkerAnswer, type WorkerQuery } from '../integrity/sql-worker';
import { tradesMatchExecutions } from '../integrity/trade-checks';
import type { RestoreLines } from '../integrity/verified-database';

export type VerifyOptions = {
  /** Extract the members here; null only checks them. */
  extractTo: string | null;
  signal: AbortSignal;
  onProgress: (phase: string, done: number, total: number) => void;
  /** Reading back an archive just written checks its bytes, not whether this app could restore it. */
  skipVersionCheck?: boolean;
};

/**
 * Check every byte of an archive against its manifest (and extract it when asked). Nothing
 * outside `extractTo` is touched, so a refusal leaves the journal as it was.
 */
export async function verifyArchive(
  file: string,
  options: VerifyOptions,
): Promise<{ manifest: Manifest; size: number }> {
  const archive = await openArchive(file);
  try {
    const manifest = await readManifest(archive);
    if (!options.skipVersionCheck) assertRestorableVersion(file, manifest.schemaVersion);
    checkMemberSet(archive, manifest);
    if (!manifest.members.some((m) => m.path === DATABASE_MEMBER)) throw damaged(file, 'journal.sqlite is missing');
    const total = manifest.members.reduce((sum, m) => sum + m.size, 0);
    let done = 0;
    options.onProgress('checksums', 0, total);
    for (const member of manifest.members) {
      await extractMember(archive, member, options.extractTo, options.signal, (n) =>
        options.onProgress('checksums', (done += n), total),
      );
    }
    return { manifest, size: archive.size };
  } finally {
    archive.zip.close();
  }
}

/**
 * Read a just-written archive back: its manifest must be the one that was written (paths,
 * sizes and SHA-256s, which restore verifies), and every member's bytes on the disk must
 * have the size and CRC-32 they had as they streamed in. The SHA-256s were computed from
 * those same bytes, so a second SHA-256 pass over the disk would prove nothing more.
 */
export async function verifyWrittenArchive(
  file: string,
  written: { manifest: Manifest; streamed: StreamedMember[] },
  signal: AbortSignal,
  onProgress: (phase: string, done: number, total: number) => void,
): Promise<void> {
  const archive = await openArchive(file);
  try {
    const manifest = await readManifest(archive);
    checkMemberSet(archive, manifest);
    const key = (m: { path: string; size: number; sha256: string }) => `${m.path}\u0000${m.size}\u0000${m.sha256}`;
    const expected = new Set(written.manifest.members.map(key));
    if (manifest.members.length !== expected.size || !manifest.members.every((m) => expected.has(key(m)))) {
      throw damaged(file, 'manifest.json on the disk is not the one that was written');
    }
    if (written.streamed.length !== manifest.members.length) throw damaged(file, 'members are missing');
    const total = written.streamed.reduce((sum, m) => sum + m.size, 0);
    let done = 0;
    onProgress('checksums', 0, total);
    for (const member of written.streamed) {
      await checkMemberCrc(archive, member, signal, (n) => onProgress('checksums', (done += n), total));
    }
  } finally {
    archive.zip.close();
  }
}

/** Refuse a backup from a newer schema than this app knows, before reading its bytes. */
export function assertRestorableVersion(file: string, schemaVersion: number): void {
  if (schemaVersion > latestSchemaVersion) {
    throw new CoreError(
      'SCHEMA_TOO_NEW',
      `${file} was made by a newer version of Trading Path Journal (schema ${schemaVersion}; this app knows ${latestSchemaVersion}). Update the app to restore it. Your journal was not changed.`,
    );
  }
}

/** What the checks of the extracted database found, beside passing. */
export type ExtractedChecks = {
  raw: Record<string, number>;
  live: Record<string, number>;
  /** The report's lines for the same checks, for the report after the restore to reuse. */
  lines: RestoreLines;
};

/**
 * The extracted database is sound: its schema version is the manifest's and not newer
 * than this app, SQLite's integrity and foreign-key checks pass (after its change log was
 * emptied: see discardOutbox), and every table holds
 * exactly the rows the manifest counted. integrity_check and foreign_key_check (the
 * longest SQLite checks) run on another thread with its own connection while this one
 * counts the rows (raw and live, the restore summary's) and recomputes trades from
 * executions, so the slower side sets the time, not the sum. Each side then counts some
 * of the report's lines (orphaned links, clock stamps, tick coverage: restore-lines.ts).
 * Those lines and trades ⇄ executions are not conditions of the restore (a mismatch is
 * for the report to show), and they are skipped for a backup from an older schema: the
 * migrations that follow would make their results stale. Returns the counts and the report lines.
 */
export async function checkExtractedDatabase(
  archiveFile: string,
  dbFile: string,
  manifest: Manifest,
  signal: AbortSignal,
  /** Told when this thread's part is done and only the worker's remains (a phase of its own, to see which side is slower). */
  onWaiting: () => void = () => undefined,
): Promise<ExtractedChecks> {
  let db: Database.Database;
  try {
    db = new Database(dbFile, { fileMustExist: true });
  } catch (error) {
    throw damaged(
      archiveFile,
      `journal.sqlite cannot be opened (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  // The journal's own page cache size (db/open.ts), not SQLite's 2 MB: trades ⇄ executions
  // reads three whole tables here (13.7–16.5 s → 9.0–10.9 s wall on the bench journal, interleaved, load ~7).
  db.pragma('cache_size = -65536');
  db.pragma(`mmap_size = ${CHECK_MMAP_BYTES}`);
  // Stopped when a check here fails first; always awaited, so no thread still reads the file afterwards.
  const stop = new AbortController();
  const either = AbortSignal.any([signal, stop.signal]);
  let offThread: Promise<WorkerAnswer[]> | null = null;
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    assertRestorableVersion(archiveFile, version);
    if (version !== manifest.schemaVersion) {
      throw damaged(archiveFile, `journal.sqlite has schema ${version}, the manifest says ${manifest.schemaVersion}`);
    }
    const discarded = discardOutbox(db);
    const counted = planCountedLines(db);
    const queries = [...sqliteChecks, ...(counted?.offThread ?? [])];
    const checking = queryInWorker(dbFile, queries, either, { readonly: false, mmapSize: CHECK_MMAP_BYTES });
    offThread = checking;
    checking.catch(() => undefined);
    // A damaged page can make these throw; SQLite's own verdict on the file is the clearer message, so it comes first.
    let counts: Record<string, number> = {};
    let live: Record<string, number> = {};
    let failure: Error | null = null;
    try {
      counts = tableCounts(db);
      live = liveTableCounts(db, counts);
      // The manifest counted the outbox the backup held, not the empty one here.
      if (discarded !== null) counts.outbox = live.outbox = discarded;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    const trades = failure === null && version === latestSchemaVersion ? tradesLine(db) : null;
    const countedHere = failure === null && counted ? counted.countHere() : {};
    onWaiting();
    // No worker could run them (not the file's fault: this thread opened it): run them here.
    const [integrityAnswer, foreignAnswer, ...countedAnswers] = await checking.catch((error: unknown) => {
      if (signal.aborted) throw error;
      return queries.map((q) => answerHere(db, q));
    });
    const problems = (answerValue(integrityAnswer) as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw damaged(archiveFile, `journal.sqlite fails SQLite's integrity check (${problems.slice(0, 3).join('; ')})`);
    }
    if (failure !== null) throw failure;
    const broken = answerValue(foreignAnswer) as { table: string }[];
    if (broken.length > 0) throw damaged(archiveFile, `journal.sqlite has ${broken.length} broken references`);
    const names = new Set([...Object.keys(counts), ...Object.keys(manifest.tables)]);
    for (const name of names) {
      if (counts[name] !== manifest.tables[name]) {
        throw damaged(
          archiveFile,
          `table ${name} has ${counts[name] ?? 'no'} rows but the manifest says ${manifest.tables[name] ?? 'none'}`,
        );
      }
    }
    const lines = {
      foreignKeys: foreignKeysFrom(broken),
      trades,
      ...NO_COUNTED_LINES,
      ...countedHere,
      ...counted?.fromAnswers(countedAnswers),
    };
    return { raw: counts, live, lines };
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    if (error instanceof CoreError) throw error;
    throw damaged(archiveFile, `journal.sqlite is damaged (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    db.close();
    stop.abort();
    await offThread?.catch(() => undefined);
  }
}

/**
 * Both check connections read the extracted file through a memory map rather than one
 * read() per page: integrity_check + foreign_key_check took 3.2–4.2 s of CPU without it and
 * 2.4–2.8 s with it on the bench journal (453 MB, three runs each, load 7–10). Safe here:
 * the file is private to the restore, so nothing truncates it under the map.
 */
const CHECK_MMAP_BYTES = 1 << 30;

/**
 * Empty the extracted file's change log before SQLite checks it, and return how many
 * records it held (null when there is no outbox, or emptying it failed: then the checks
 * see it whole, and a damaged one is refused as before). The restore discards the outbox
 * anyway (prepare-restored.ts: a restored journal re-syncs by a full push), so the file
 * that is checked is the one that gets installed; a journal that never synced has an
 * outbox as large as the rest of it (153 MB of 456 on the bench journal), and checking
 * it was up to half a second of integrity_check. Deleting every row takes SQLite's
 * truncate path: 31–69 ms there.
 */
function discardOutbox(db: Database.Database): number | null {
  if (!hasTable(db, 'outbox')) return null;
  try {
    return db.transaction(() => {
      const rows = db.prepare(`SELECT count(*) FROM outbox`).pluck().get() as number;
      db.exec(`DELETE FROM outbox`);
      return rows;
    })();
  } catch {
    return null;
  }
}

/** integrity_check first: on a damaged file its verdict is the one to report. */
const sqliteChecks = ['integrity_check(20)', 'foreign_key_check'].map((pragma): WorkerQuery => ({
  sql: `PRAGMA ${pragma}`,
  mode: 'all',
}));

/** A statement meant for the worker, answered on this thread as the worker would. */
function answerHere(db: Database.Database, query: WorkerQuery): WorkerAnswer {
  try {
    const statement = db.prepare(query.sql);
    const params = query.params ?? [];
    return { ok: true, value: query.mode === 'pluck' ? statement.pluck().get(...params) : statement.all(...params) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The report's trades ⇄ executions line; null when it could not run (the report then runs it itself). */
function tradesLine(db: Database.Database): IntegrityCheck | null {
  try {
    return tradesMatchExecutions(db);
  } catch {
    return null;
  }
}
