import { copyFileSync, existsSync, linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CoreError } from '../../../shared/contract/errors';
import { syncDirSync, syncFile } from './prepare-restored';

export type SwapPlan = {
  /** `<dataDir>/journal.sqlite`, closed by the core before `swapDatabaseFile` runs. */
  live: string;
  /** The verified, prepared database to move into place (same disk). */
  staged: string;
  /** Where the journal as it was is kept: `backups/pre-restore-<time>.sqlite`. */
  safetyCopy: string;
  /** A note beside the safety copy: what the journal held and which files existed. */
  note: { file: string; text: string };
};

/**
 * With the journal closed: keep the current file as the safety copy, then rename the
 * restored one over it. Each step is atomic, so a crash leaves either the old journal or
 * the new one in place, never neither. Runs synchronously: no call can reach the journal
 * while its file changes.
 */
export function swapDatabaseFile(plan: SwapPlan): void {
  // The last connection to close deletes the WAL and shared-memory files; if they are
  // still here, another program (the app, another tpj) has the journal open.
  if (existsSync(`${plan.live}-wal`) || existsSync(`${plan.live}-shm`)) {
    throw new CoreError(
      'CONFLICT',
      'The journal is open in another program (the app or another tpj command); close it and try again. Your journal was not changed.',
    );
  }
  try {
    // A hard link costs nothing and is the very file; copy where links are not possible.
    linkSync(plan.live, plan.safetyCopy);
  } catch {
    copyFileSync(plan.live, plan.safetyCopy);
    syncFile(plan.safetyCopy);
  }
  writeFileSync(plan.note.file, plan.note.text, { flush: true });
  syncDirSync(dirname(plan.safetyCopy));
  renameSync(plan.staged, plan.live);
  syncDirSync(dirname(plan.live));
}

/** Put the safety copy back (the restored journal could not be opened). */
export function undoSwap(plan: SwapPlan): void {
  if (!existsSync(plan.safetyCopy)) return;
  copyFileSync(plan.safetyCopy, `${plan.live}.undo`);
  syncFile(`${plan.live}.undo`);
  for (const suffix of ['-wal', '-shm']) rmSync(plan.live + suffix, { force: true });
  renameSync(`${plan.live}.undo`, plan.live);
  syncDirSync(dirname(plan.live));
}
