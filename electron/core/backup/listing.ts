import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from '../../../shared/contract/backups';
import { parseBackupFileName, PARTIAL_SUFFIX } from './format';
import type { CatalogEntry } from './state';

/** A folder backups are kept in. */
export type BackupFolder = { dir: string; location: BackupInfo['location'] };

const STALE_MS = 86_400_000;

/** Backups in these folders, newest first; `verified` comes from this journal's catalog. */
export function listBackups(folders: readonly BackupFolder[], catalog: Record<string, CatalogEntry>): BackupInfo[] {
  const seen = new Set<string>();
  const found: BackupInfo[] = [];
  for (const { dir, location } of folders) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const createdAt = parseBackupFileName(name);
      const file = join(dir, name);
      if (createdAt === null || seen.has(file)) continue;
      seen.add(file);
      let size: number;
      try {
        const stat = statSync(file);
        if (!stat.isFile()) continue;
        size = stat.size;
      } catch {
        continue; // removed while we looked
      }
      const known = catalog[file];
      const verifiedAt = known && known.size === size ? known.verifiedAt : null;
      // The catalog has the exact time; the name only the second.
      const at = known?.createdAt ?? createdAt;
      found.push({ file, name, location, size, createdAt: at, verified: verifiedAt !== null, verifiedAt });
    }
  }
  return found.sort((a, b) => b.createdAt - a.createdAt || a.file.localeCompare(b.file));
}

/**
 * Remove what interrupted runs left behind: `.partial` archives and work folders older
 * than a day. Younger ones may belong to a backup running in another process right now.
 */
export function sweepLeftovers(dir: string, workDir: string, now: number): void {
  const stale = (path: string) => {
    try {
      return now - statSync(path).mtimeMs > STALE_MS;
    } catch {
      return false;
    }
  };
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name.endsWith(PARTIAL_SUFFIX) && stale(path)) rmSync(path, { force: true });
    }
  }
  if (existsSync(workDir)) {
    for (const name of readdirSync(workDir)) {
      const path = join(workDir, name);
      if (stale(path)) rmSync(path, { recursive: true, force: true });
    }
  }
}
