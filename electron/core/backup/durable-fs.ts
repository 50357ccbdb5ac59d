import { constants } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { CoreError } from '../../../shared/contract/errors';

/** A file being written. */
export type WriteTarget = {
  write(chunk: Uint8Array): Promise<void>;
  /** fsync: the bytes are on the disk, not just in the OS cache. */
  sync(): Promise<void>;
  close(): Promise<void>;
};

/**
 * The file operations a backup writes with. Injected so tests can make a disk "full" or a
 * folder read-only even when they run as root, where chmod stops nothing.
 */
export type BackupFs = {
  create(path: string): Promise<WriteTarget>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  /** fsync a folder, so a rename inside it survives a power cut. */
  syncDir(dir: string): Promise<void>;
};

/** Writes allowed in flight at once: the archive's checksumming goes on while the disk writes. */
const WRITES_IN_FLIGHT = 4;

/** The real file system. */
export const nodeBackupFs: BackupFs = {
  create: async (path) => {
    const handle = await open(path, 'w');
    // Positional writes, several in flight, so computing the next chunk overlaps writing this one.
    let position = 0;
    const pending = new Set<Promise<void>>();
    let failure: Error | undefined;
    // A failed write surfaces at the next write or at sync, never silently.
    const rethrow = () => {
      if (failure !== undefined) throw failure;
    };
    return {
      write: async (chunk) => {
        rethrow();
        const at = position;
        position += chunk.length;
        const write = writeFully(handle, chunk, at).catch((error: unknown) => {
          failure ??= error instanceof Error ? error : new Error(String(error));
        });
        pending.add(write);
        void write.finally(() => pending.delete(write));
        if (pending.size >= WRITES_IN_FLIGHT) await Promise.race(pending);
        rethrow();
      },
      sync: async () => {
        await Promise.all(pending);
        rethrow();
        await handle.sync();
      },
      close: async () => {
        await Promise.allSettled(pending);
        await handle.close();
      },
    };
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true, recursive: true }),
  mkdir: async (dir) => {
    await mkdir(dir, { recursive: true });
  },
  syncDir: syncFolder,
};

async function writeFully(handle: FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    offset += (await handle.write(chunk, offset, chunk.length - offset, position + offset)).bytesWritten;
  }
}

/** fsync a folder; a no-op where the OS cannot (Windows opens no folder handles for it). */
export async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Turn a file-system failure while writing into words a trader can act on. */
export function writeFailure(error: unknown, folder: string): Error {
  if (error instanceof CoreError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new CoreError(
      'STORAGE',
      `The disk holding ${folder} is full; the backup was not written. Free some space or pick another folder.`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new CoreError(
      'STORAGE',
      `Trading Path Journal may not write to ${folder}; the backup was not written. Pick a folder you can write to.`,
    );
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new CoreError(
      'STORAGE',
      `The folder ${folder} is not there (is the drive connected?); the backup was not written.`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
