/**
 * Paths on the trader's computer, as plain text: the renderer has no `path` module, and the
 * core may run on Windows while this code is tested on Linux, so both separators count.
 */

/** The folder part of a file's full path: "/Volumes/USB/x.tpjbak" → "/Volumes/USB". */
export function folderOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  if (cut < 0) return '';
  // Keep the root itself ("/", "C:\") rather than an empty string.
  if (cut === 0 || (cut === 2 && /^[A-Za-z]:/.test(file))) return file.slice(0, cut + 1);
  return file.slice(0, cut);
}

/** The last part of a path: the file's name. */
export function baseName(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return file.slice(cut + 1);
}

/** A full path as the core requires it: "/…", "C:\…" or a network share "\\server\…". */
export function isFullPath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** A path pasted from a file manager often comes quoted ("…" or '…'); the quotes are not part of it. */
export function cleanPastedPath(text: string): string {
  const trimmed = text.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return quoted ? (quoted[2] ?? '').trim() : trimmed;
}

/** Why `text` cannot be a backup file to restore, or null when it may be one. */
export function backupPathProblem(text: string): string | null {
  const path = cleanPastedPath(text);
  if (path === '') return 'Enter the path of a .tpjbak file, or pick a backup from the list above.';
  if (!isFullPath(path)) return 'Enter the full path, starting at the drive (like /Volumes/USB/… or D:\\…).';
  if (!path.toLowerCase().endsWith('.tpjbak')) return 'A backup file ends in .tpjbak.';
  return null;
}

/** Why `text` cannot be a folder to export to, or null when it may be one. */
export function folderPathProblem(text: string): string | null {
  const path = cleanPastedPath(text);
  if (path === '') return 'Enter the full path of the folder to export to.';
  if (!isFullPath(path)) return 'Enter the full path, starting at the drive (like /Volumes/USB or D:\\Backups).';
  return null;
}
