import type { AppStatus } from '../../../shared/domain/types';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type {
  BackupCreated,
  BackupInfo,
  BackupInspection,
  BackupSettings,
  BackupStatus,
  IntegrityReport,
  RestoreSummary,
} from '../../../shared/contract/backups';
import type { EntityName } from '../../../shared/contract';
import type { ParsedInput } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { EventHub } from '../events';
import { runIntegrityChecks } from '../integrity/report';
import type { VerifiedHolder } from '../integrity/verified-database';
import type { Store } from '../journal/store';
import type { Logger } from '../log/logger';
import { journalPaths } from '../paths';
import { appVersion, readStatus } from '../status';
import { createBackupArchive, type Progress } from './create';
import type { BackupFs } from './durable-fs';
import { copyArchiveTo } from './export-copy';
import { inspectArchive } from './inspect';
import { listBackups, sweepLeftovers, type BackupFolder } from './listing';
import { OperationRunner } from './operations';
import { restoreFromArchive } from './restore';
import { backupsToRemove } from './retention';
import { nextRunAfter, scheduleProblem } from './schedule';
import * as state from './state';
import { liveTableCounts, syncedTables, tableCounts } from './tables';
import { verifyArchive, verifyWrittenArchive } from './verify-archive';

export type BackupServiceOptions = {
  dataDir: string;
  /** The journal open right now (a restore replaces it). */
  store: () => Store;
  /** Close the journal, run `replace`, reopen it; `undo` runs first if the new one will not open. */
  swap: (replace: () => void, undo: () => void) => void;
  events: EventHub;
  logger: Logger;
  now: () => number;
  fs: BackupFs;
  /** Told when the schedule settings change. */
  onSettingsChanged: () => void;
  /** When this process's scheduler will run the next backup; undefined when no scheduler runs here. */
  nextScheduledRun?: (() => number | null) | undefined;
  /** The whole status (sync included); without it only the journal's part is sent. */
  status?: (() => AppStatus) | undefined;
};

/** Backups, restores and the integrity report; one of them at a time, each cancellable. */
export class BackupService {
  private readonly operations: OperationRunner;
  private readonly paths: ReturnType<typeof journalPaths>;
  private readonly workRoot: string;
  /** The restore's (or the last report's) passing integrity_check, reused while the file is unchanged. */
  private readonly verified: VerifiedHolder = { current: null };

  constructor(private readonly o: BackupServiceOptions) {
    this.paths = journalPaths(o.dataDir);
    this.workRoot = join(this.paths.backups, '.work');
    this.operations = new OperationRunner(o.events);
  }

  list(): BackupInfo[] {
    return listBackups(this.folders(), state.readCatalog(this.db()));
  }

  /** Back up now into the journal's backups folder, or into `folder` (remembered as the export folder). */
  async create(input: ParsedInput<'backups.create'>): Promise<BackupCreated> {
    const folder = input.folder ?? null;
    if (folder !== null) {
      assertFullPath(folder, 'folder');
      if (state.readBackupSettings(this.db()).exportFolder !== folder) this.updateSettings({ exportFolder: folder });
    }
    const includeEmbeddings = input.includeEmbeddings ?? state.readBackupSettings(this.db()).includeEmbeddings;
    const made = await this.operations.run('backup', (signal, progress) =>
      this.backUp(
        folder ?? this.paths.backups,
        folder === null ? 'journal' : 'export',
        includeEmbeddings,
        signal,
        progress,
      ),
    );
    this.emitStatus();
    return made;
  }

  /** The scheduled run: a backup in the journal's folder, copied to the export folder when that drive is there. */
  async runScheduled(): Promise<void> {
    const settings = state.readBackupSettings(this.db());
    try {
      await this.operations.run('backup', async (signal, progress) => {
        const made = await this.backUp(this.paths.backups, 'journal', settings.includeEmbeddings, signal, progress);
        // An unplugged drive is normal for a laptop at 03:00: skip quietly; the journal's own copy exists.
        // (The folder was made by the first export; its absence means the drive is not there.)
        const folder = settings.exportFolder;
        if (folder !== null && existsSync(folder)) await this.exportCopy(made, folder, signal, progress);
      });
    } catch (error) {
      // Another backup (or a restore) running at that moment is not a failure worth showing.
      if (!(error instanceof CoreError && error.code === 'CONFLICT')) {
        state.recordBackupError(this.db(), this.o.now(), error instanceof Error ? error.message : String(error));
      }
      throw error;
    } finally {
      this.emitStatus();
    }
  }

  private async exportCopy(
    made: BackupCreated,
    folder: string,
    signal: AbortSignal,
    progress: Progress,
  ): Promise<void> {
    let copy: string | undefined;
    try {
      copy = await copyArchiveTo(made.file, folder, this.o.fs, signal);
      await verifyArchive(copy, {
        extractTo: null,
        signal,
        onProgress: (p, d, t) => progress(`export ${p}`, d, t),
        skipVersionCheck: true,
      });
      state.recordBackup(this.db(), copy, { size: made.size, createdAt: made.createdAt, verifiedAt: this.o.now() });
      await this.applyRetention(folder, 'export');
    } catch (error) {
      if (copy !== undefined) await this.o.fs.remove(copy).catch(() => undefined);
      if (signal.aborted) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new CoreError(
        'STORAGE',
        `The backup was made in the journal's folder, but copying it to ${folder} failed: ${why}`,
      );
    }
  }

  /** What restoring `file` would replace; checks structure and manifest, not every byte. */
  inspect({ file }: { file: string }): Promise<BackupInspection> {
    assertFullPath(file, 'file');
    const raw = tableCounts(this.db());
    return inspectArchive(file, { raw, live: liveTableCounts(this.db(), raw) });
  }

  async restore({ file }: { file: string }): Promise<RestoreSummary> {
    const { summary, verified } = await this.operations.run('restore', (signal, progress) =>
      restoreFromArchive(
        {
          paths: this.paths,
          workRoot: this.workRoot,
          store: this.o.store,
          swap: this.o.swap,
          now: this.o.now,
          signal,
          progress,
        },
        file,
      ),
    );
    this.o.logger.info({ file, deviceId: summary.deviceId }, 'journal restored from a backup');
    const store = this.o.store();
    // The restore's checks ran on these rows before the swap; the identity they carry was
    // taken at the swap, so anything written since (a listener below included) makes the
    // next report run them again.
    this.verified.current = verified;
    // Every synced table is an entity the UI shows; all of them changed.
    this.o.events.emit('journal.changed', { entities: syncedTables(store.db) as EntityName[] });
    this.emitStatus();
    return summary;
  }

  verifyJournal(): Promise<IntegrityReport> {
    return this.operations.run('verify', (signal, progress) =>
      runIntegrityChecks({
        store: this.o.store(),
        paths: this.paths,
        now: this.o.now(),
        signal,
        progress,
        verified: this.verified,
      }),
    );
  }

  /**
   * Delete one backup this journal lists. Refused while a backup or restore runs, for a
   * file that is not one of the listed backups, and for the only verified backup.
   */
  async delete({ file }: { file: string }): Promise<{ file: string; deleted: boolean }> {
    assertFullPath(file, 'file');
    return this.operations.run('delete', async () => {
      const backups = this.list();
      const target = backups.find((b) => b.file === file);
      if (!target) throw new CoreError('NOT_FOUND', `${file} is not one of this journal's backups.`);
      if (target.verified && !backups.some((b) => b.verified && b.file !== file)) {
        throw new CoreError(
          'CONFLICT',
          'This is your only verified backup. Make a new backup first, then delete this one.',
        );
      }
      await this.o.fs.remove(file);
      state.forgetBackups(this.db(), [file]);
      return { file, deleted: true };
    });
  }

  /** The schedule's next run and the last scheduled run's failure, for the Backups page. */
  status(): BackupStatus {
    const db = this.db();
    const settings = state.readBackupSettings(db);
    let nextRunAt: number | null = null;
    if (settings.scheduleEnabled) {
      const planned = this.o.nextScheduledRun?.();
      // No scheduler in this process (the CLI): when the app would run it.
      nextRunAt =
        planned !== undefined
          ? planned
          : scheduleProblem(settings.schedule) === null
            ? nextRunAfter(settings.schedule, this.o.now())
            : null;
    }
    return {
      scheduleEnabled: settings.scheduleEnabled,
      schedule: settings.schedule,
      nextRunAt,
      lastBackupAt: state.lastBackupAt(db),
      lastFailure: state.readBackupError(db),
    };
  }

  cancel(): { cancelled: boolean } {
    return { cancelled: this.operations.cancel() };
  }

  settings(): BackupSettings {
    return state.readBackupSettings(this.db());
  }

  updateSettings(patch: ParsedInput<'backups.settings.update'>['patch']): BackupSettings {
    if (patch.schedule !== undefined) {
      const problem = scheduleProblem(patch.schedule);
      if (problem) {
        throw new CoreError(
          'INVALID_INPUT',
          `The schedule is not a cron expression this app understands: ${problem}.`,
          [{ path: 'patch.schedule', message: problem }],
        );
      }
    }
    if (patch.exportFolder) assertFullPath(patch.exportFolder, 'patch.exportFolder');
    const next: BackupSettings = { ...this.settings() };
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) Object.assign(next, { [key]: value });
    }
    state.writeBackupSettings(this.db(), next);
    this.o.onSettingsChanged();
    return next;
  }

  /** Stop whatever runs (the core is closing). */
  dispose(): void {
    this.operations.cancel('stopped: the app is closing');
  }

  private async backUp(
    folder: string,
    location: BackupInfo['location'],
    includeEmbeddings: boolean,
    signal: AbortSignal,
    progress: Progress,
  ): Promise<BackupCreated> {
    sweepLeftovers(folder, this.workRoot, this.o.now());
    const store = this.o.store();
    const archive = await createBackupArchive({
      db: store.db,
      deviceId: store.deviceId,
      filesDir: this.paths.files,
      embeddingsDir: this.paths.embeddings,
      folder,
      workRoot: this.workRoot,
      includeEmbeddings,
      fs: this.o.fs,
      now: this.o.now(),
      signal,
      progress,
    });
    try {
      // Read it back: a backup is only good once its bytes on the disk are the ones written.
      await verifyWrittenArchive(archive.file, archive, signal, (p, d, t) => progress(`verify ${p}`, d, t));
    } catch (error) {
      await this.o.fs.remove(archive.file).catch(() => undefined);
      if (signal.aborted) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new CoreError('STORAGE', `The backup was written but reading it back failed, so it was removed: ${why}`);
    }
    const verifiedAt = this.o.now();
    state.recordBackup(this.db(), archive.file, { size: archive.size, createdAt: archive.createdAt, verifiedAt });
    const removed = await this.applyRetention(folder, location);
    const { manifest } = archive;
    return {
      file: archive.file,
      name: archive.file.slice(folder.length + 1),
      location,
      size: archive.size,
      createdAt: archive.createdAt,
      verified: true,
      verifiedAt,
      tables: manifest.tables,
      attachments: manifest.members.filter((m) => m.path.startsWith('files/')).length,
      includesEmbeddings: manifest.includesEmbeddings,
      removed,
    };
  }

  /** Apply the retention rule to one folder's backups. */
  private async applyRetention(dir: string, location: BackupInfo['location']): Promise<string[]> {
    const settings = this.settings();
    const catalog = state.readCatalog(this.db());
    const backups = listBackups([{ dir, location }], catalog);
    const removed = backupsToRemove(backups, settings, this.o.now());
    for (const file of removed) await this.o.fs.remove(file);
    state.forgetBackups(this.db(), removed);
    return removed;
  }

  /** The status bar shows the last backup's time. */
  private emitStatus(): void {
    // The core's own status carries the sync state: the journal's part alone would say "not set up".
    this.o.events.emit('status', this.o.status?.() ?? readStatus(this.o.store(), this.o.dataDir, appVersion));
  }

  private folders(): BackupFolder[] {
    const exportFolder = state.readBackupSettings(this.db()).exportFolder;
    const folders: BackupFolder[] = [{ dir: this.paths.backups, location: 'journal' }];
    if (exportFolder !== null) folders.push({ dir: exportFolder, location: 'export' });
    return folders;
  }

  private db() {
    return this.o.store().db;
  }
}

function assertFullPath(path: string, field: string): void {
  if (!isAbsolute(path)) {
    throw new CoreError('INVALID_INPUT', `Give a full path (${path} is relative).`, [
      { path: field, message: 'must be a full path' },
    ]);
  }
}
