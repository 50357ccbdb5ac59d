import { createReadStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { MANIFEST_MEMBER, PARTIAL_SUFFIX, type Manifest, type MemberRecord } from './format';
import { writeFailure, type BackupFs, type WriteTarget } from './durable-fs';
import { abortError, hashFileInWorker, HashingTap } from './hashing';
import { useNativeCrc32ForZip } from './native-crc32';

useNativeCrc32ForZip();

/** One file to put into the archive. */
export type ArchiveSource = {
  /** Name inside the archive. */
  path: string;
  /** Where it is on disk now. */
  file: string;
  size: number;
  /** Hash in a worker thread (large files) rather than inline as the bytes stream past. */
  hashInWorker?: boolean;
  /** Told once every byte of `file` has been read for the archive (or reading failed). */
  onRead?: () => void;
};

export type WriteArchiveOptions = {
  /** The finished archive's path; bytes go to `<target>.partial` until they are safe on disk. */
  target: string;
  sources: readonly ArchiveSource[];
  /** Builds manifest.json from the members' checksums; it is written last. */
  manifest: (members: MemberRecord[]) => Manifest;
  fs: BackupFs;
  signal: AbortSignal;
  onProgress: (done: number, total: number) => void;
  /** Time stamped on every member (the backup's creation time). */
  mtime: Date;
};

/** A member as it streamed into the archive: what the read-back compares the disk with. */
export type StreamedMember = { path: string; size: number; crc32: number };

type Deferred<T> = { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };

/**
 * Stream the sources into a zip at `<target>.partial`, fsync it, rename it to `target`
 * and fsync the folder. A crash or error at any point leaves no file named like a
 * finished backup; on error the partial file is removed. Members are stored, not
 * deflated: the database is the bulk of every backup, and deflating it took longer than
 * the whole backup budget (DESIGN §8) on the 100k-trade bench journal.
 */
export async function writeArchive(
  o: WriteArchiveOptions,
): Promise<{ size: number; members: MemberRecord[]; streamed: StreamedMember[] }> {
  const partial = o.target + PARTIAL_SUFFIX;
  const folder = dirname(o.target);
  const total = o.sources.reduce((sum, s) => sum + s.size, 0);
  let done = 0;
  const zip = new ZipFile();
  const opened: Readable[] = [];
  const streamed: StreamedMember[] = [];
  const members = o.sources.map((source) => memberOf(source));
  let out: WriteTarget | undefined;
  let size = 0;

  function memberOf(source: ArchiveSource): Deferred<MemberRecord> {
    const deferred = defer<MemberRecord>();
    // Settled once both readers (the stream, the hashing worker) are through, or on failure.
    const finished = () => source.onRead?.();
    deferred.promise.then(finished, finished);
    zip.addReadStreamLazy(source.path, { compress: false, mtime: o.mtime, size: source.size }, (callback) => {
      const read = createReadStream(source.file, { highWaterMark: 1 << 20 });
      const tap = new HashingTap(o.signal, (n) => o.onProgress((done += n), total), {
        sha256: !source.hashInWorker,
        crc32: true,
      });
      const workerHash = source.hashInWorker ? hashFileInWorker(source.file, o.signal) : null;
      // Read when the member ends; a failed or aborted member never gets there.
      workerHash?.catch(() => undefined);
      opened.push(read, tap);
      read.on('error', (error) => tap.destroy(error));
      tap.on('error', deferred.reject);
      tap.on('end', () => {
        streamed.push({ path: source.path, size: tap.bytes, crc32: tap.crc32 });
        if (!workerHash) return deferred.resolve({ path: source.path, size: tap.bytes, sha256: tap.digest() });
        workerHash.then((h) => {
          // The worker read the file separately: the same bytes, or the file changed under us.
          if (h.size !== tap.bytes) deferred.reject(new Error(`${source.file} changed while it was being backed up.`));
          else deferred.resolve({ path: source.path, size: h.size, sha256: h.sha256 });
        }, deferred.reject);
      });
      callback(null, read.pipe(tap));
    });
    return deferred;
  }

  try {
    out = await o.fs.create(partial);
    const target = out;
    const pump = (async () => {
      for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) {
        if (o.signal.aborted) throw abortError(o.signal);
        await target.write(chunk);
        size += chunk.length;
      }
    })();
    const feed = (async () => {
      const zipFailed = new Promise<never>((_, reject) => zip.once('error', reject));
      const records = await Promise.race([Promise.all(members.map((m) => m.promise)), zipFailed]);
      const text = JSON.stringify(o.manifest(records), null, 2);
      zip.addBuffer(Buffer.from(text, 'utf8'), MANIFEST_MEMBER, { compress: true, mtime: o.mtime });
      zip.end();
      return records;
    })();
    let records: MemberRecord[];
    try {
      [records] = await Promise.all([feed, pump]);
    } catch (error) {
      const reason = error instanceof Error ? error : new Error(String(error));
      for (const stream of opened) stream.destroy(reason);
      (zip.outputStream as Readable).destroy();
      // Stop writing before the file is closed; members never started stay pending, so not `feed`.
      await pump.catch(() => undefined);
      feed.catch(() => undefined);
      throw error;
    }
    await out.sync();
    await out.close();
    out = undefined;
    await o.fs.rename(partial, o.target);
    await o.fs.syncDir(folder);
    return { size, members: records, streamed };
  } catch (error) {
    await out?.close().catch(() => undefined);
    await o.fs.remove(partial).catch(() => undefined);
    throw writeFailure(error, folder);
  }
}

function defer<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Awaited later (or never, when an earlier member failed); never an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
