import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';
import { fingerprint } from './test-support/archives';

/**
 * Members from 16 MB up are hashed in a worker from the archive's own bytes while the
 * restore copies them out (archive-reader.ts extractMember); smaller ones inline. A large
 * attachment takes that path as the database does on a real journal.
 */
describe('restoring an archive with a large member', () => {
  let t: ReturnType<typeof tempCore>;
  let archive: string;
  let content: Buffer;
  beforeEach(async () => {
    t = tempCore();
    await t.call('demo.load', { trades: 20, seed: 5 });
    content = randomBytes(17 << 20);
    await t.call('attachments.add', {
      fileName: 'recording.bin',
      mime: 'application/octet-stream',
      dataBase64: content.toString('base64'),
    });
    archive = (await t.call('backups.create', {})).file;
  });
  afterEach(() => t.dispose());

  it('brings the member back intact', async () => {
    const files = join(t.dataDir, 'files');
    const [name = ''] = readdirSync(files);
    // Lost since the backup: the restore copies it back from the archive.
    rmSync(join(files, name));
    await t.call('backups.restore', { file: archive });
    expect(readFileSync(join(files, name)).equals(content)).toBe(true);
  });

  it('refuses it when one byte in its middle was flipped, leaving the journal as it was', async () => {
    const bytes = readFileSync(archive);
    const at = bytes.indexOf(content.subarray(8 << 20, (8 << 20) + 64));
    expect(at).toBeGreaterThan(0);
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    const damagedFile = join(t.dataDir, 'damaged.tpjbak');
    writeFileSync(damagedFile, bytes);
    const before = fingerprint(t.core.store.db);
    const result = await t.core.invoke('backups.restore', { file: damagedFile });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!result.ok && result.error.message).toMatch(/member files\/[0-9a-f]{64} does not match its checksum/);
    expect(fingerprint(t.core.store.db)).toBe(before);
  });

  it('refuses it, naming the member, when its local header is damaged', async () => {
    const bytes = readFileSync(archive);
    const [name = ''] = readdirSync(join(t.dataDir, 'files'));
    // The first occurrence of the name is in the member's local header, 30 bytes after its signature.
    const header = bytes.indexOf(Buffer.from(`files/${name}`)) - 30;
    expect(bytes.readUInt32LE(header)).toBe(0x04034b50);
    bytes.writeUInt8(0, header);
    const damagedFile = join(t.dataDir, 'damaged-header.tpjbak');
    writeFileSync(damagedFile, bytes);
    const before = fingerprint(t.core.store.db);
    const result = await t.core.invoke('backups.restore', { file: damagedFile });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!result.ok && result.error.message).toMatch(/member files\/[0-9a-f]{64} cannot be read/);
    expect(fingerprint(t.core.store.db)).toBe(before);
  });
});
