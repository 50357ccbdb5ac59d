import { z } from 'zod';
import { empty } from './common';
import { method } from './define';

/** What a long backup operation is doing, for `backup.progress` events. */
export type BackupOperation = 'backup' | 'restore' | 'verify' | 'delete';

/** Progress of the running backup, restore or verification; `done` and `total` count bytes or steps. */
export type BackupProgress = { operation: BackupOperation; phase: string; done: number; total: number };

/** One backup archive on this computer. */
export type BackupInfo = {
  /** Absolute path of the `.tpjbak` file. */
  file: string;
  name: string;
  /** `journal`: the journal's own backups folder; `export`: the folder the trader picked. */
  location: 'journal' | 'export';
  size: number;
  createdAt: number;
  /** True when the archive was read back after writing and every member matched its checksum. */
  verified: boolean;
  verifiedAt: number | null;
};

/** A backup that was just written. */
export type BackupCreated = BackupInfo & {
  /** Rows per table in the archived database. */
  tables: Record<string, number>;
  attachments: number;
  includesEmbeddings: boolean;
  /** Older backups removed by the retention rule. */
  removed: string[];
};

/**
 * Rows of one table now and in a backup; null where the table does not exist on that side.
 * `current`/`backup` count every row, deleted ones (tombstones) included, as the manifest
 * does; the `…Live` counts leave rows with a deletion stamp out, as every view does (equal
 * to the raw count for tables without tombstones; null when unknown, e.g. a backup made
 * before live counts were recorded).
 */
export type TableComparison = {
  table: string;
  current: number | null;
  backup: number | null;
  currentLive: number | null;
  backupLive: number | null;
};

/** What restoring an archive would replace. Checks the archive's structure and manifest, not every byte. */
export type BackupInspection = {
  file: string;
  size: number;
  createdAt: number;
  appVersion: string;
  schemaVersion: number;
  deviceId: string;
  attachments: number;
  includesEmbeddings: boolean;
  tables: TableComparison[];
  /** False when this app cannot restore it (newer schema, unknown format); `problem` says why. */
  restorable: boolean;
  problem: string | null;
};

/** What a restore did. */
export type RestoreSummary = {
  file: string;
  restoredAt: number;
  /** The journal as it was just before the restore (`backups/pre-restore-<time>.sqlite`). */
  safetyCopy: string;
  previousDeviceId: string;
  deviceId: string;
  /** `current` is before the restore, `backup` is what the journal holds now. */
  tables: TableComparison[];
  attachmentsCopied: number;
};

/** When and how the core makes backups on its own. */
export type BackupSettings = {
  /** Cron expression in this computer's local time (five fields); default `0 3 * * *`, daily at 03:00. */
  schedule: string;
  scheduleEnabled: boolean;
  /** Keep every backup younger than this many days… */
  keepDays: number;
  /** …and the newest this many, whatever their age. */
  keepLast: number;
  /** A second folder (an external drive) that scheduled backups are copied to, and `tpj backup` exports to. */
  exportFolder: string | null;
  includeEmbeddings: boolean;
};

/** `backups.status`: when the next scheduled backup runs and whether the last one failed. */
export type BackupStatus = {
  scheduleEnabled: boolean;
  schedule: string;
  /** When the next scheduled backup is due (ms), or null when the schedule is off or not usable. */
  nextRunAt: number | null;
  lastBackupAt: number | null;
  /** Why the last scheduled backup failed; cleared by the next verified backup. */
  lastFailure: { at: number; message: string } | null;
};

export type IntegrityStatus = 'pass' | 'warn' | 'fail' | 'n/a';

/** One line of the integrity report. */
export type IntegrityCheck = {
  name: string;
  status: IntegrityStatus;
  detail: string;
  counts: Record<string, number>;
};

/** `tpj verify` / `journal.verify`: is everything in this journal consistent? */
export type IntegrityReport = { checkedAt: number; ok: boolean; checks: IntegrityCheck[] };

const path = z.string().trim().min(1).max(4096);

export const backupSettingsPatch = z
  .object({
    schedule: z
      .string()
      .trim()
      .regex(/^\S+(\s+\S+){4}$/, 'must be a cron expression with five fields, like 0 3 * * *'),
    scheduleEnabled: z.boolean(),
    keepDays: z.number().int().min(0).max(3650),
    keepLast: z.number().int().min(1).max(1000),
    exportFolder: path.nullable(),
    includeEmbeddings: z.boolean(),
  })
  .partial()
  .strict();

export const backupsContract = {
  'backups.list': method<BackupInfo[]>()(empty),
  /** Back up now: into the journal's backups folder, or into `folder` (remembered as the export folder). */
  'backups.create': method<BackupCreated>()(
    z.object({ folder: path.nullable().optional(), includeEmbeddings: z.boolean().optional() }).strict(),
  ),
  /** Replace the journal with a backup file on this computer, after checking every byte of it. */
  'backups.restore': method<RestoreSummary>()(z.object({ file: path }).strict()),
  'backups.inspect': method<BackupInspection>()(z.object({ file: path }).strict()),
  /** Delete one of the listed backups; refused for the only verified one. */
  'backups.delete': method<{ file: string; deleted: boolean }>()(z.object({ file: path }).strict()),
  'backups.status': method<BackupStatus>()(empty),
  /** Stop the running backup, restore or verification; the journal stays as it was. */
  'backups.cancel': method<{ cancelled: boolean }>()(empty),
  'backups.settings.get': method<BackupSettings>()(empty),
  'backups.settings.update': method<BackupSettings>()(z.object({ patch: backupSettingsPatch }).strict()),
  'journal.verify': method<IntegrityReport>()(empty),
};
