import { z } from 'zod';

/** `format` field of every manifest; anything else is not one of our archives. */
export const BACKUP_FORMAT = 'tpj-backup';
/** Bumped when a reader of the previous version could not restore the archive correctly. */
export const FORMAT_VERSION = 1;
export const MANIFEST_MEMBER = 'manifest.json';
export const DATABASE_MEMBER = 'journal.sqlite';
export const BACKUP_EXTENSION = '.tpjbak';
/** Suffix of an archive still being written; never mistaken for a finished backup. */
export const PARTIAL_SUFFIX = '.partial';

const NAME_PATTERN = /^tpj-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-(\d+))?\.tpjbak$/;

/** `tpj-backup-20261123T180501Z.tpjbak` for a UTC instant; `attempt` > 0 adds `-N` when that second is taken. */
export function backupFileName(ms: number, attempt = 0): string {
  const stamp = new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `tpj-backup-${stamp}${attempt > 0 ? `-${attempt}` : ''}${BACKUP_EXTENSION}`;
}

/** The instant in a backup's file name, or null when the name is not one of ours. */
export function parseBackupFileName(name: string): number | null {
  const m = NAME_PATTERN.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** Compact UTC time for other file names (`pre-restore-20261123T180501Z.sqlite`). */
export function compactUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const memberSchema = z.object({
  path: z.string().min(1).max(1024),
  size: z.number().int().min(0),
  sha256,
});

/** manifest.json, the last member of every archive. */
export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  appVersion: z.string(),
  schemaVersion: z.number().int().min(0),
  deviceId: z.string(),
  createdAt: z.number().int().min(0),
  /** Rows per table in the archived database, every table the schema has. */
  tables: z.record(z.string(), z.number().int().min(0)),
  /** Rows per table without tombstones (what views show); absent in archives made before it was recorded. */
  liveTables: z.record(z.string(), z.number().int().min(0)).optional(),
  includesEmbeddings: z.boolean(),
  members: z.array(memberSchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type MemberRecord = z.infer<typeof memberSchema>;

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/**
 * Why a member name may not be extracted, or null when it is one we write: the manifest,
 * the database, `files/<sha256>` and plain relative paths under `embeddings/`. Anything
 * else, above all a path that could land outside the target folder, is refused.
 */
export function memberPathProblem(name: string): string | null {
  if (name === MANIFEST_MEMBER || name === DATABASE_MEMBER) return null;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\') || name.split('/').includes('..')) {
    return `member path escaping the target folder: ${name}`;
  }
  if (/^files\/[0-9a-f]{64}$/.test(name)) return null;
  const parts = name.split('/');
  if (parts[0] === 'embeddings' && parts.length > 1 && parts.slice(1).every((p) => SEGMENT.test(p))) return null;
  return `unexpected member ${name}`;
}
