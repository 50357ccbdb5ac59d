import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupProgress } from '../../../shared/contract/backups';
import { tempCore } from '../../../tests/support/temp-core';
import { createCore } from '../core';
import { nodeBackupFs, type BackupFs } from './durable-fs';
import { readMembers } from './test-support/archives';
import { tableCounts } from './tables';

type Temp = ReturnType<typeof tempCore>;

function enospc(): BackupFs {
  return {
    ...nodeBackupFs,
    create: async (path) => {
      const real = await nodeBackupFs.create(path);
      let written = 0;
      return {
        ...real,
        write: async (chunk) => {
          // The disk fills up part way through the archive.
          if (written > 64 * 1024)
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          written += chunk.length;
          await real.write(chunk);
        },
      };
    },
  };
}

/** A disk that acknowledges every write but stores one chunk damaged, or drops it (a torn write). */
function tornWrites(damage: 'flip' | 'drop'): BackupFs {
  return {
    ...nodeBackupFs,
    create: async (path) => {
      const real = await nodeBackupFs.create(path);
      let chunks = 0;
      return {
        ...real,
        write: async (chunk) => {
          if (chunks++ !== 1) return real.write(chunk);
          if (damage === 'drop') return;
          const copy = Buffer.from(chunk);
          const at = Math.floor(copy.length / 2);
          copy.writeUInt8(copy.readUInt8(at) ^ 0xff, at);
          await real.write(copy);
        },
      };
    },
  };
}

const eacces: BackupFs = {
  ...nodeBackupFs,
  create: (path) =>
    Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' })),
};

describe('backups', () => {
  let t: Temp;
  let outside: string;
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), 'tpj-export-'));
  });
  afterEach(() => {
    t.dispose();
    rmSync(outside, { recursive: true, force: true });
  });

  /** 1 while another connection still holds a read lock on journal.sqlite (a write first: an empty WAL is never busy). */
  const checkpointBusy = async () => {
    await t.call('accounts.create', { name: 'After the backup' });
    return (t.core.store.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]?.busy;
  };

  async function journal(options: Parameters<typeof tempCore>[0] = {}): Promise<Temp> {
    t = tempCore(options);
    await t.call('demo.load', { trades: 40, seed: 7 });
    await t.call('attachments.add', {
      fileName: 'chart.png',
      mime: 'image/png',
      dataBase64: Buffer.from('a screenshot').toString('base64'),
    });
    return t;
  }

  it('writes a verified archive with the database, attachments and a manifest that checks out', async () => {
    await journal();
    const progress: BackupProgress[] = [];
    t.core.events.on('backup.progress', (p) => progress.push(p));
    const made = await t.call('backups.create', {});

    expect(made.name).toMatch(/^tpj-backup-\d{8}T\d{6}Z\.tpjbak$/);
    expect(made.verified).toBe(true);
    expect(made.attachments).toBe(1);
    const members = await readMembers(made.file);
    expect([...members.keys()].at(-1)).toBe('manifest.json');
    const manifest = JSON.parse(members.get('manifest.json')?.toString() ?? '') as {
      tables: Record<string, number>;
      members: { path: string; size: number; sha256: string }[];
      schemaVersion: number;
      deviceId: string;
    };
    expect(manifest.deviceId).toBe(t.core.store.deviceId);
    expect(manifest.tables.trades).toBe(40);
    // The backup itself added its bookkeeping to sync_state afterwards.
    expect({ ...manifest.tables, sync_state: 0 }).toEqual({ ...tableCounts(t.core.store.db), sync_state: 0 });
    for (const m of manifest.members) {
      const bytes = members.get(m.path);
      expect(bytes?.length).toBe(m.size);
      expect(
        createHash('sha256')
          .update(bytes ?? '')
          .digest('hex'),
      ).toBe(m.sha256);
    }
    expect(progress.some((p) => p.operation === 'backup' && p.phase === 'archive' && p.done === p.total)).toBe(true);

    const status = await t.call('app.status', {});
    expect(status.backup.lastBackupAt).toBe(made.createdAt);
    expect(await t.call('backups.list', {})).toEqual([
      expect.objectContaining({ file: made.file, verified: true, location: 'journal', size: made.size }),
    ]);
  });

  it('archives the journal as it was when the backup began, while writes go on, and lets go of the file after', async () => {
    await journal();
    const db = t.core.store.db;
    const accounts = () => db.prepare(`SELECT count(*) FROM accounts`).pluck().get() as number;
    const before = accounts();
    let written: Promise<unknown> | undefined;
    t.core.events.on('backup.progress', (p) => {
      if (p.phase === 'archive' && !written) written = t.call('accounts.create', { name: 'During the backup' });
    });
    const made = await t.call('backups.create', {});
    await written;
    expect(accounts()).toBe(before + 1);
    const members = await readMembers(made.file);
    const manifest = JSON.parse(members.get('manifest.json')?.toString() ?? '') as { tables: Record<string, number> };
    expect(manifest.tables.accounts).toBe(before);
    const copy = join(outside, 'archived.sqlite');
    writeFileSync(copy, members.get('journal.sqlite') ?? Buffer.alloc(0));
    const archived = new Database(copy, { readonly: true });
    try {
      expect(archived.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(archived.prepare(`SELECT count(*) FROM accounts`).pluck().get()).toBe(before);
    } finally {
      archived.close();
    }
    // No read lock left behind: the writes can now be folded into journal.sqlite.
    expect(await checkpointBusy()).toBe(0);
  });

  it('exports to a folder the trader picks and remembers it', async () => {
    await journal();
    const folder = join(outside, 'usb drive');
    const made = await t.call('backups.create', { folder });
    expect(made.location).toBe('export');
    expect(existsSync(made.file)).toBe(true);
    expect((await t.call('backups.settings.get', {})).exportFolder).toBe(folder);
    expect((await t.call('backups.list', {})).map((b) => b.location)).toEqual(['export']);
  });

  it('adds the embeddings folder only when asked', async () => {
    await journal();
    mkdirSync(join(t.dataDir, 'embeddings', 'pg'), { recursive: true });
    writeFileSync(join(t.dataDir, 'embeddings', 'pg', 'vectors.bin'), 'vectors');
    const without = await t.call('backups.create', {});
    expect([...(await readMembers(without.file)).keys()].some((n) => n.startsWith('embeddings/'))).toBe(false);
    const withIt = await t.call('backups.create', { includeEmbeddings: true, folder: outside });
    expect(withIt.includesEmbeddings).toBe(true);
    expect((await readMembers(withIt.file)).get('embeddings/pg/vectors.bin')?.toString()).toBe('vectors');
  });

  it('applies retention after each backup, keeping the newest N', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    await journal({ now: () => clock.now });
    await t.call('backups.settings.update', { patch: { keepDays: 0, keepLast: 2 } });
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(await t.call('backups.create', {}));
      clock.now += 86_400_000;
    }
    expect(made[2]?.removed).toEqual([made[0]?.file]);
    expect((await t.call('backups.list', {})).map((b) => b.file)).toEqual([made[2]?.file, made[1]?.file]);
  });

  it('reports a full disk clearly and leaves no partial file', async () => {
    await journal({ backup: { fs: enospc() } });
    const result = await t.core.invoke('backups.create', { folder: outside });
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
    expect(!result.ok && result.error.message).toMatch(/disk holding .* is full; the backup was not written/);
    expect(readdirSync(outside)).toEqual([]);
    expect((await t.call('app.status', {})).backup.lastBackupAt).toBeNull();
    expect(await checkpointBusy()).toBe(0);
  });

  it.each(['flip', 'drop'] as const)(
    'reads a fresh archive back and removes it when the disk kept other bytes (%s)',
    async (damage) => {
      await journal({ backup: { fs: tornWrites(damage) } });
      const result = await t.core.invoke('backups.create', { folder: outside });
      expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
      expect(!result.ok && result.error.message).toMatch(/reading it back failed, so it was removed/);
      expect(readdirSync(outside)).toEqual([]);
      expect((await t.call('app.status', {})).backup.lastBackupAt).toBeNull();
    },
  );

  it('reports a folder it may not write to clearly and leaves nothing behind', async () => {
    await journal({ backup: { fs: eacces } });
    const result = await t.core.invoke('backups.create', { folder: outside });
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
    expect(!result.ok && result.error.message).toMatch(/may not write to/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('can be cancelled, leaving no archive', async () => {
    await journal();
    let cancelled: Promise<unknown> | undefined;
    t.core.events.on('backup.progress', (p) => {
      if (p.phase === 'archive' && !cancelled) cancelled = t.call('backups.cancel', {});
    });
    const result = await t.core.invoke('backups.create', { folder: outside });
    expect(await cancelled).toEqual({ cancelled: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(readdirSync(outside)).toEqual([]);
    expect(await checkpointBusy()).toBe(0);
    expect(await t.call('backups.cancel', {})).toEqual({ cancelled: false });
  });

  it('refuses a second operation while one runs', async () => {
    await journal();
    const first = t.core.invoke('backups.create', {});
    const second = await t.core.invoke('journal.verify', {});
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await first).toMatchObject({ ok: true });
  });

  it('checks schedule settings', async () => {
    await journal();
    const bad = await t.core.invoke('backups.settings.update', { patch: { schedule: '61 3 * * *' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const good = await t.call('backups.settings.update', { patch: { schedule: '30 22 * * 1-5', keepLast: 4 } });
    expect(good).toMatchObject({ schedule: '30 22 * * 1-5', keepLast: 4, keepDays: 30, scheduleEnabled: true });
  });
});

describe('scheduled backups', () => {
  let dataDir: string;
  let drive: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tpj-scheduled-'));
    drive = mkdtempSync(join(tmpdir(), 'tpj-drive-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(drive, { recursive: true, force: true });
  });

  it('catches up a missed run at start and copies it to the export folder, verified', async () => {
    const setup = createCore({ dataDir });
    await setup.invoke('backups.settings.update', { patch: { exportFolder: drive } });
    setup.close();
    // A journal that has never been backed up has missed its scheduled run.
    const core = createCore({ dataDir, backup: { schedule: true, catchUpDelayMs: 0 } });
    try {
      await new Promise<void>((resolve) =>
        core.events.on('status', (s) => s.backup.lastBackupAt !== null && resolve()),
      );
      const listed = await core.invoke('backups.list', {});
      const found = listed.ok ? (listed.value as BackupInfo[]).map((b) => `${b.location} ${b.verified}`).sort() : [];
      expect(found).toEqual(['export true', 'journal true']);
    } finally {
      core.close();
    }
  });
});
