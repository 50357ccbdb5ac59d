import { MAX_INLINE_IMPORT_BYTES } from '../../../../shared/contract/imports';
import { decodeBytes } from '../../../../shared/import/decode';
import { bytesToBase64 } from './base64';
import { readCsvHead, type CsvHead } from './csv-head';

/** A dropped file, read and ready to send with `import.preview`. */
export type LoadedFile = {
  name: string;
  size: number;
  dataBase64: string;
  /** Header and first rows when the file is a CSV, for the column mapping editor. */
  head: CsvHead | null;
};

/** The contract takes at most 20 files per preview. */
export const MAX_FILES = 20;
// The head needs only the start of the file; the core decodes the whole file itself.
const HEAD_BYTES = 64 * 1024;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Splits dropped files into those the page can send and a reason for each it cannot.
 * Files over the inline limit go to the CLI, which streams them from disk; the limit
 * also holds for the files together, since they travel in one request.
 */
export function sortDroppedFiles<F extends { name: string; size: number }>(
  files: readonly F[],
): { accepted: F[]; refused: string[] } {
  const accepted: F[] = [];
  const refused: string[] = [];
  let total = 0;
  for (const file of files) {
    if (file.size > MAX_INLINE_IMPORT_BYTES) {
      refused.push(
        `${file.name} is ${megabytes(file.size)}; files over 30 MB are imported from the command line: tpj import "${file.name}"`,
      );
    } else if (accepted.length >= MAX_FILES) {
      refused.push(`${file.name} was left out: import at most ${MAX_FILES} files at a time.`);
    } else if (total + file.size > MAX_INLINE_IMPORT_BYTES) {
      refused.push(
        `${file.name} was left out: together the files pass 30 MB. Import it on its own, or use tpj import for large files.`,
      );
    } else {
      accepted.push(file);
      total += file.size;
    }
  }
  return { accepted, refused };
}

/** Reads a file's bytes once: base64 for the core, and the decoded start for the mapping editor. */
export async function loadFile(file: File): Promise<LoadedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return {
    name: file.name,
    size: file.size,
    dataBase64: bytesToBase64(bytes),
    head: readCsvHead(decodeBytes(bytes.subarray(0, HEAD_BYTES)).text),
  };
}
