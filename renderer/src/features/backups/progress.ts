import type { AppError } from '../../../../shared/contract';
import type { BackupOperation, BackupProgress } from '../../../../shared/contract/backups';

// The core's phase names (electron/core/backup), said the way a trader would.
const phases: Record<string, string> = {
  snapshot: 'Copying the journal',
  archive: 'Writing the backup file',
  'verify checksums': 'Reading the backup back to check it',
  'export checksums': 'Checking the copy in the export folder',
  checksums: 'Checking every byte of the backup',
  'database checks': 'Checking the backup’s database',
  preparing: 'Preparing the restored journal',
  swap: 'Putting the restored journal in place',
  done: 'Finishing',
  checks: 'Running the checks',
  'attachment files': 'Checking attachment files',
};

const starting: Record<BackupOperation, string> = {
  backup: 'Starting the backup',
  restore: 'Starting the restore',
  verify: 'Starting the checks',
  delete: 'Deleting the backup',
};

/** 0–100 within the current phase, or null while the core does not know the total. */
export function progressPercent(progress: BackupProgress | null): number | null {
  if (progress === null || progress.total <= 0) return null;
  return Math.min(100, Math.floor((progress.done / progress.total) * 100));
}

/** "Writing the backup file… 42%"; an unknown phase shows as the core names it. */
export function progressText(operation: BackupOperation, progress: BackupProgress | null): string {
  if (progress === null || progress.operation !== operation) return `${starting[operation]}…`;
  const phase = phases[progress.phase] ?? progress.phase.charAt(0).toUpperCase() + progress.phase.slice(1);
  const percent = progressPercent(progress);
  return percent === null ? `${phase}…` : `${phase}… ${percent}%`;
}

/** How a refused or failed restore reads on the page. */
export type RestoreFailure = { title: string; unchanged: boolean };

// Refusals that happen before anything is touched (backup-format.md, "Reading and restoring").
const refusedBeforeSwap: readonly AppError['code'][] = [
  'INVALID_INPUT',
  'SCHEMA_TOO_NEW',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
];

/** A title for the core's message, and whether the journal is known to be as it was. */
export function restoreFailure(error: AppError): RestoreFailure {
  const unchanged = refusedBeforeSwap.includes(error.code);
  const title =
    error.code === 'CANCELLED'
      ? 'Restore cancelled'
      : unchanged
        ? 'This backup was not restored'
        : 'The restore did not finish';
  return { title, unchanged };
}
