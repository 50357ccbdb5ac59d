// A backup that stops for good after writing its first chunk, so a test can SIGKILL it
// mid-write: `node --import tsx backup-child.ts <dataDir> <folder>`.
import { createCore } from '../../core';
import { nodeBackupFs, type BackupFs } from '../durable-fs';

const [dataDir = '', folder = ''] = process.argv.slice(2);
const stallAfterFirstWrite: BackupFs = {
  ...nodeBackupFs,
  create: async (path) => {
    const real = await nodeBackupFs.create(path);
    return {
      ...real,
      write: async (chunk) => {
        await real.write(chunk);
        // Writes are pipelined: wait until this chunk has really reached the file before
        // telling the test it may kill us, or it can find an empty partial file.
        await real.sync();
        process.stdout.write(`writing ${path}\n`);
        await new Promise<never>(() => undefined);
      },
    };
  },
};
// Keeps the process alive while the write is stalled (the core's own timers are unref'd).
setInterval(() => undefined, 1000);
const core = createCore({ dataDir, backup: { fs: stallAfterFirstWrite } });
void core.invoke('backups.create', { folder });
