import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';
import { latestSchemaVersion } from '../db/migrations';
import { fingerprint, patchMemberName, readMembers, writeMembers } from './test-support/archives';

/** A good archive from another journal, made once; each test damages its own copy of it. */
let source: ReturnType<typeof tempCore>;
let good: string;
let newer: string;

beforeAll(async () => {
  source = tempCore();
  await source.call('demo.load', { trades: 40, seed: 11 });
  await source.call('attachments.add', {
    fileName: 'chart.png',
    mime: 'image/png',
    dataBase64: Buffer.from('a screenshot').toString('base64'),
  });
  good = (await source.call('backups.create', {})).file;
  source.core.store.db.pragma(`user_version = ${latestSchemaVersion + 1}`);
  newer = (await source.call('backups.create', { folder: join(source.dataDir, 'newer') })).file;
  source.core.store.db.pragma(`user_version = ${latestSchemaVersion}`);
});
afterAll(() => source.dispose());

describe('restoring a damaged or hostile archive', () => {
  let t: ReturnType<typeof tempCore>;
  let dir: string;
  let before: { print: string; files: string[] };

  beforeEach(async () => {
    t = tempCore();
    dir = mkdtempSync(join(tmpdir(), 'tpj-bad-archive-'));
    await t.call('demo.load', { trades: 25, seed: 3 });
    before = journalState();
  });
  afterEach(() => {
    t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  function journalState() {
    // The backups folder may gain an (empty) scratch folder; everything else must stay as it was.
    return { print: fingerprint(t.core.store.db), files: readdirSync(t.dataDir).filter((n) => n !== 'backups') };
  }

  /** Restore must refuse with this code and message, and leave the journal exactly as it was. */
  async function expectRefused(file: string, code: string, message: RegExp): Promise<void> {
    const result = await t.core.invoke('backups.restore', { file });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
    expect(journalState()).toEqual(before);
    expect(readdirSync(join(t.dataDir, 'backups', '.work'))).toEqual([]);
    expect(readdirSync(join(t.dataDir, 'backups')).filter((n) => n.startsWith('pre-restore'))).toEqual([]);
  }

  async function rewritten(edit: (members: Map<string, Buffer>) => void): Promise<string> {
    const members = await readMembers(good);
    edit(members);
    const file = join(dir, 'edited.tpjbak');
    await writeMembers(file, members);
    return file;
  }

  const editManifest = (members: Map<string, Buffer>, change: (m: Record<string, unknown>) => void) => {
    const manifest = JSON.parse(members.get('manifest.json')?.toString() ?? '{}') as Record<string, unknown>;
    change(manifest);
    members.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  };

  it('refuses a flipped byte in the database', async () => {
    const file = join(dir, 'flipped.tpjbak');
    copyFileSync(good, file);
    const bytes = readFileSync(file);
    // journal.sqlite is the first member and most of the file; a byte in its middle is its data.
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    await expectRefused(file, 'INVALID_INPUT', /member journal\.sqlite does not match its checksum/);
  });

  it('refuses a truncated archive', async () => {
    const file = join(dir, 'truncated.tpjbak');
    copyFileSync(good, file);
    truncateSync(file, Math.floor(readFileSync(file).length * 0.6));
    await expectRefused(file, 'INVALID_INPUT', /not a complete backup archive/);
  });

  it('refuses an archive with a missing member', async () => {
    const file = await rewritten((m) => {
      const attachment = [...m.keys()].find((n) => n.startsWith('files/'));
      if (attachment) m.delete(attachment);
    });
    await expectRefused(file, 'INVALID_INPUT', /member files\/[0-9a-f]{64} is missing/);
  });

  it('refuses an archive whose manifest counts were altered', async () => {
    const file = await rewritten((m) =>
      editManifest(m, (manifest) => {
        (manifest.tables as Record<string, number>).trades = 41;
      }),
    );
    await expectRefused(file, 'INVALID_INPUT', /table trades has 40 rows but the manifest says 41/);
  });

  it('refuses an archive whose manifest checksums were altered', async () => {
    const file = await rewritten((m) =>
      editManifest(m, (manifest) => {
        const members = manifest.members as { path: string; sha256: string }[];
        const db = members.find((x) => x.path === 'journal.sqlite');
        if (db) db.sha256 = '0'.repeat(64);
      }),
    );
    await expectRefused(file, 'INVALID_INPUT', /member journal\.sqlite does not match its checksum/);
  });

  it('refuses a manifest damaged in place', async () => {
    const file = await rewritten(() => undefined);
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"appVersion"'));
    bytes[at + 1] = 'A'.charCodeAt(0);
    writeFileSync(file, bytes);
    await expectRefused(file, 'INVALID_INPUT', /manifest\.json is damaged/);
  });

  it('refuses a member path escaping the target folder', async () => {
    const file = await rewritten((m) => m.set('zz/evil', Buffer.from('x')));
    patchMemberName(file, 'zz/evil', '../evil');
    await expectRefused(file, 'INVALID_INPUT', /member path escaping the target folder: \.\.\/evil/);
  });

  it('refuses an absolute member path', async () => {
    const file = await rewritten((m) => m.set('zetc/evil', Buffer.from('x')));
    patchMemberName(file, 'zetc/evil', '/etc/evil');
    await expectRefused(file, 'INVALID_INPUT', /member path escaping the target folder: \/etc\/evil/);
  });

  it('refuses a symbolic link', async () => {
    const members = await readMembers(good);
    const file = join(dir, 'link.tpjbak');
    const attachment = [...members.keys()].find((n) => n.startsWith('files/')) ?? '';
    members.set(attachment, Buffer.from('/etc/passwd'));
    await writeMembers(file, members, { [attachment]: 0o120777 });
    await expectRefused(file, 'INVALID_INPUT', /is a symbolic link/);
  });

  it('refuses a backup from a newer schema', async () => {
    await expectRefused(newer, 'SCHEMA_TOO_NEW', /newer version of Trading Path Journal/);
    const inspected = await t.call('backups.inspect', { file: newer });
    expect(inspected.restorable).toBe(false);
  });

  it('refuses a file that is not a backup at all', async () => {
    const file = join(dir, 'notes.tpjbak');
    writeFileSync(file, 'just some text');
    await expectRefused(file, 'INVALID_INPUT', /not a complete backup archive/);
  });
});
