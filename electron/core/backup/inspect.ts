import { existsSync } from 'node:fs';
import type { BackupInspection } from '../../../shared/contract/backups';
import { CoreError } from '../../../shared/contract/errors';
import { checkMemberSet, openArchive, readManifest } from './archive-reader';
import { compareCounts } from './tables';
import { assertRestorableVersion } from './verify-archive';

/** What restoring `file` would replace: its manifest against the current counts. Checks structure, not every byte. */
export async function inspectArchive(
  file: string,
  current: { raw: Record<string, number>; live: Record<string, number> },
): Promise<BackupInspection> {
  if (!existsSync(file)) throw new CoreError('NOT_FOUND', `There is no backup file at ${file}.`);
  const archive = await openArchive(file);
  try {
    const manifest = await readManifest(archive);
    checkMemberSet(archive, manifest);
    let problem: string | null = null;
    try {
      assertRestorableVersion(file, manifest.schemaVersion);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    return {
      file,
      size: archive.size,
      createdAt: manifest.createdAt,
      appVersion: manifest.appVersion,
      schemaVersion: manifest.schemaVersion,
      deviceId: manifest.deviceId,
      attachments: manifest.members.filter((m) => m.path.startsWith('files/')).length,
      includesEmbeddings: manifest.includesEmbeddings,
      tables: compareCounts(current, { raw: manifest.tables, live: manifest.liveTables ?? null }),
      restorable: problem === null,
      problem,
    };
  } finally {
    archive.zip.close();
  }
}
