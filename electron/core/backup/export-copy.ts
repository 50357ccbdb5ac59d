import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { PARTIAL_SUFFIX } from './format';
import { writeFailure, type BackupFs, type WriteTarget } from './durable-fs';
import { abortError } from './hashing';

/** Copy a finished archive into another folder (an external drive) with the same temp-name, fsync, rename care. */
export async function copyArchiveTo(file: string, folder: string, fs: BackupFs, signal: AbortSignal): Promise<string> {
  const target = join(folder, basename(file));
  const partial = target + PARTIAL_SUFFIX;
  let out: WriteTarget | undefined;
  try {
    await fs.mkdir(folder);
    out = await fs.create(partial);
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      if (signal.aborted) throw abortError(signal);
      await out.write(chunk);
    }
    await out.sync();
    await out.close();
    out = undefined;
    await fs.rename(partial, target);
    await fs.syncDir(folder);
    return target;
  } catch (error) {
    await out?.close().catch(() => undefined);
    await fs.remove(partial).catch(() => undefined);
    throw writeFailure(error, folder);
  }
}
