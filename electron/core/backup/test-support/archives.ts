import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { openPromise } from 'yauzl';
import { ZipFile } from 'yazl';
import { quoteIdent, tableNames } from '../tables';

/** Every member of a (small) archive, in order, as bytes. */
export async function readMembers(file: string): Promise<Map<string, Buffer>> {
  const zip = await openPromise(file, { lazyEntries: true, autoClose: false });
  const members = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
    members.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return members;
}

/** Write members into a new zip, in order; `mode` sets unix file modes (symbolic links). */
export async function writeMembers(
  file: string,
  members: Map<string, Buffer>,
  modes: Record<string, number> = {},
): Promise<void> {
  const zip = new ZipFile();
  for (const [name, bytes] of members) {
    const mode = modes[name];
    zip.addBuffer(bytes, name, mode === undefined ? { compress: false } : { compress: false, mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  writeFileSync(file, Buffer.concat(chunks));
}

/** Rename a member by patching its name bytes in place (yazl refuses to write `..` or absolute names). */
export function patchMemberName(file: string, from: string, to: string): void {
  if (from.length !== to.length) throw new Error('names must have the same length');
  const bytes = readFileSync(file);
  const needle = Buffer.from(from);
  let at = bytes.indexOf(needle);
  let patched = 0;
  while (at !== -1) {
    Buffer.from(to).copy(bytes, at);
    patched++;
    at = bytes.indexOf(needle, at + 1);
  }
  if (patched === 0) throw new Error(`${from} not found`);
  writeFileSync(file, bytes);
}

/** A hash of every row of the given tables (all tables when none are given): equal hashes, equal data. */
export function fingerprint(db: Database, except: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const table of tableNames(db)) {
    if (except.includes(table)) continue;
    const rows = db
      .prepare(`SELECT * FROM ${quoteIdent(table)}`)
      .raw()
      .all()
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
      .sort();
    hash.update(`${table}\n${rows.join('\n')}\n`);
  }
  return hash.digest('hex');
}

/** Tables a restore rewrites on purpose: device id, sync state, the change log. */
export const restoreBookkeeping = ['meta', 'sync_state', 'outbox'] as const;
