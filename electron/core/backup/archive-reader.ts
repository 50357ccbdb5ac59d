import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { openPromise, type Entry, type ZipFile } from 'yauzl';
import { CoreError } from '../../../shared/contract/errors';
import { BACKUP_FORMAT, FORMAT_VERSION, MANIFEST_MEMBER, manifestSchema, memberPathProblem } from './format';
import type { Manifest, MemberRecord } from './format';
import { hashFileInWorker, HashingTap } from './hashing';

/** An archive opened for reading: its entries by name (central directory only, nothing extracted yet). */
export type OpenedArchive = { file: string; zip: ZipFile; entries: Map<string, Entry>; size: number };

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** A refusal to restore: what is wrong with the archive, in words. */
export function damaged(file: string, why: string): CoreError {
  return new CoreError('INVALID_INPUT', `${file} cannot be restored: ${why}. Your journal was not changed.`, [
    { path: 'file', message: why },
  ]);
}

/**
 * Open an archive and read its table of contents, refusing anything we would not write:
 * names outside the target folder (absolute, `..`, backslashes), symbolic links,
 * encrypted or duplicate members, unknown members.
 */
export async function openArchive(file: string): Promise<OpenedArchive> {
  let zip: ZipFile;
  try {
    zip = await openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    throw damaged(file, describeZipError(error));
  }
  const entries = new Map<string, Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      const problem = entryProblem(entry);
      if (problem) throw damaged(file, problem);
      if (entries.has(entry.fileName)) throw damaged(file, `member ${entry.fileName} appears twice`);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    throw error instanceof CoreError ? error : damaged(file, describeZipError(error));
  }
  return { file, zip, entries, size: zip.fileSize };
}

function entryProblem(entry: Entry): string | null {
  const pathProblem = memberPathProblem(entry.fileName);
  if (pathProblem) return pathProblem;
  const unixMode = entry.externalFileAttributes >>> 16;
  if ((unixMode & S_IFMT) === S_IFLNK) return `member ${entry.fileName} is a symbolic link`;
  if (entry.isEncrypted()) return `member ${entry.fileName} is encrypted`;
  if (!entry.canDecodeFileData()) return `member ${entry.fileName} uses an unknown compression method`;
  return null;
}

function describeZipError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // yauzl checks names too; say it the way our own check does.
  const name = /^(?:absolute path|invalid relative path|invalid characters in fileName): (.*)$/.exec(message);
  if (name) return `member path escaping the target folder: ${name[1] ?? ''}`;
  if (/end of central directory record signature not found/i.test(message)) {
    return 'it is not a complete backup archive (truncated, or not a .tpjbak file)';
  }
  return `the archive is damaged (${message})`;
}

/** Read and check manifest.json: present, intact (its zip CRC), parseable, a format this app knows. */
export async function readManifest(archive: OpenedArchive): Promise<Manifest> {
  const entry = archive.entries.get(MANIFEST_MEMBER);
  if (!entry) throw damaged(archive.file, 'manifest.json is missing');
  if (entry.uncompressedSize > MAX_MANIFEST_BYTES) throw damaged(archive.file, 'manifest.json is implausibly large');
  const chunks: Buffer[] = [];
  try {
    const stream = await archive.zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  } catch (error) {
    throw damaged(archive.file, `manifest.json cannot be read (${describeZipError(error)})`);
  }
  const bytes = Buffer.concat(chunks);
  // Every other member is checked against the manifest's SHA-256; the manifest itself by its CRC.
  if (crc32(bytes) !== entry.crc32) throw damaged(archive.file, 'manifest.json is damaged (checksum mismatch)');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged(archive.file, 'manifest.json is not valid JSON');
  }
  const head = json as { format?: unknown; formatVersion?: unknown };
  if (head.format !== BACKUP_FORMAT) throw damaged(archive.file, 'it is not a Trading Path Journal backup');
  if (typeof head.formatVersion === 'number' && head.formatVersion > FORMAT_VERSION) {
    throw new CoreError(
      'SCHEMA_TOO_NEW',
      `${archive.file} was written by a newer version of Trading Path Journal (backup format ${head.formatVersion}). Update the app to restore it.`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw damaged(archive.file, `manifest.json is not valid (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** Every member the manifest lists is in the archive with its size, and nothing else is. */
export function checkMemberSet(archive: OpenedArchive, manifest: Manifest): void {
  const listed = new Set<string>([MANIFEST_MEMBER]);
  for (const m of manifest.members) {
    listed.add(m.path);
    const entry = archive.entries.get(m.path);
    if (!entry) throw damaged(archive.file, `member ${m.path} is missing`);
    if (entry.uncompressedSize !== m.size) throw damaged(archive.file, `member ${m.path} has the wrong size`);
    // Attachments are named by their content's hash; a different hash would plant wrong content under that name.
    if (m.path.startsWith('files/') && m.path !== `files/${m.sha256}`) {
      throw damaged(archive.file, `member ${m.path} does not match its checksum (the file is damaged)`);
    }
  }
  for (const name of archive.entries.keys()) {
    if (!listed.has(name)) throw damaged(archive.file, `member ${name} is not listed in the manifest`);
  }
}

/**
 * Stream one member to `folder/<member path>` (or nowhere, to only check it), failing
 * unless its SHA-256 and size match the manifest.
 */
export async function extractMember(
  archive: OpenedArchive,
  member: MemberRecord,
  folder: string | null,
  signal: AbortSignal,
  onBytes: (n: number) => void,
): Promise<void> {
  const entry = archive.entries.get(member.path);
  if (!entry) throw damaged(archive.file, `member ${member.path} is missing`);
  let sink: Writable;
  if (folder === null) {
    sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  } else {
    const dest = join(folder, member.path);
    await mkdir(dirname(dest), { recursive: true });
    sink = createWriteStream(dest, { flags: 'wx' });
  }
  let found: { streamed: number; size: number; sha256: string };
  try {
    const range = await storedRange(archive, entry);
    // A large stored member (the database) is hashed on the other core from the archive's
    // own bytes while this thread copies them out: 456 MB took ~0.45–0.75 s hashed inline
    // and ~0.3 s copied alone on the bench journal.
    const inWorker = folder !== null && range !== null && member.size >= HASH_IN_WORKER_BYTES;
    const tap = new HashingTap(signal, onBytes, { sha256: !inWorker, crc32: false });
    const workerHash = inWorker ? hashFileInWorker(archive.file, signal, range) : null;
    workerHash?.catch(() => undefined);
    await pipeline(await readMember(archive, entry, range), tap, sink);
    found = { streamed: tap.bytes, ...(workerHash ? await workerHash : { size: tap.bytes, sha256: tap.digest() }) };
  } catch (error) {
    // Failed before the pipeline began: it never closed the file it was to write.
    sink.destroy();
    if (signal.aborted || error instanceof CoreError) throw error;
    throw damaged(archive.file, `member ${member.path} cannot be read (${describeZipError(error)})`);
  }
  if (found.streamed !== member.size || found.size !== member.size || found.sha256 !== member.sha256) {
    throw damaged(archive.file, `member ${member.path} does not match its checksum (the file is damaged)`);
  }
}

/** Members from this size up are hashed in a worker while being extracted (a worker costs ~30 ms to start). */
const HASH_IN_WORKER_BYTES = 16 << 20;

/** First and last byte (inclusive) of a stored member's data in the archive. */
type ByteRange = { start: number; end: number };

/** Where a stored member's bytes lie in the archive; null for a deflated one. */
async function storedRange(archive: OpenedArchive, entry: Entry): Promise<ByteRange | null> {
  if (entry.compressionMethod !== 0 || entry.compressedSize === 0) return null;
  const { fileDataStart } = await archive.zip.readLocalFileHeaderPromise(entry, { minimal: true });
  return { start: fileDataStart, end: fileDataStart + entry.compressedSize - 1 };
}

/**
 * A member's bytes. Stored members (all but the manifest) are read straight from the file
 * in 1 MB chunks at the offset yauzl's checked local header gives: yauzl's own stream reads
 * 16 KB at a time, which cost half a second per 700 MB on the bench journal.
 */
export async function memberData(archive: OpenedArchive, entry: Entry): Promise<Readable> {
  return readMember(archive, entry, await storedRange(archive, entry));
}

/** memberData with the stored range already read (null: a deflated member, read through yauzl). */
function readMember(archive: OpenedArchive, entry: Entry, range: ByteRange | null): Readable | Promise<Readable> {
  if (!range) return archive.zip.openReadStreamPromise(entry);
  return createReadStream(archive.file, { ...range, highWaterMark: 1 << 20 });
}

/**
 * Read one member's bytes back from the disk and fail unless their size and CRC-32 are
 * what was streamed into the archive (and what its central directory says). Catches a
 * torn or short write as surely as re-hashing, at a fraction of the cost.
 */
export async function checkMemberCrc(
  archive: OpenedArchive,
  streamed: { path: string; size: number; crc32: number },
  signal: AbortSignal,
  onBytes: (n: number) => void,
): Promise<void> {
  const entry = archive.entries.get(streamed.path);
  if (!entry) throw damaged(archive.file, `member ${streamed.path} is missing`);
  if (entry.crc32 !== streamed.crc32 || entry.uncompressedSize !== streamed.size) {
    throw damaged(archive.file, `member ${streamed.path} is recorded with another checksum than was written`);
  }
  let crc = 0;
  let bytes = 0;
  try {
    for await (const chunk of (await memberData(archive, entry)) as AsyncIterable<Buffer>) {
      signal.throwIfAborted();
      crc = crc32(chunk, crc);
      bytes += chunk.length;
      onBytes(chunk.length);
    }
  } catch (error) {
    if (signal.aborted || error instanceof CoreError) throw error;
    throw damaged(archive.file, `member ${streamed.path} cannot be read (${describeZipError(error)})`);
  }
  if (bytes !== streamed.size || crc !== streamed.crc32) {
    throw damaged(archive.file, `member ${streamed.path} does not match what was written (the file is damaged)`);
  }
}
