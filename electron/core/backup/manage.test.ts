import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../../tests/support/temp-core';
import { createCore } from '../core';
import { nodeBackupFs, type BackupFs } from './durable-fs';

describe('managing backups', () => {
  let t: ReturnType<typeof tempCore>;
  afterEach(() => t.dispose());

  it('shows live counts (deleted rows left out) beside the raw counts the manifest keeps', async () => {
    t = tempCore();
    await t.call('demo.load', { trades: 30, seed: 3 });
    const [first] = (await t.call('trades.list', { limit: 1 })).items;
    await t.call('trades.delete', { id: first?.id ?? '' });
    const backup = await t.call('backups.create', {});
    expect(backup.tables.trades).toBe(30);
    const [second] = (await t.call('trades.list', { limit: 1 })).items;
    await t.call('trades.delete', { id: second?.id ?? '' });

    const inspected = await t.call('backups.inspect', { file: backup.file });
    expect(inspected.tables.find((r) => r.table === 'trades')).toEqual({
      table: 'trades',
      current: 30,
      backup: 30,
      currentLive: 28,
      backupLive: 29,
    });
    // A table without tombstones: live is the raw count.
    const meta = inspected.tables.find((r) => r.table === 'meta');
    expect(meta?.currentLive).toBe(meta?.current);

    const restored = await t.call('backups.restore', { file: backup.file });
    expect(restored.tables.find((r) => r.table === 'trades')).toMatchObject({
      current: 30,
      backup: 30,
      currentLive: 28,
      backupLive: 29,
    });
  });

  it('deletes a backup but refuses the only verified one, with a clear message', async () => {
    t = tempCore();
    await t.call('demo.load', { trades: 5, seed: 3 });
    const only = await t.call('backups.create', {});
    const refused = await t.core.invoke('backups.delete', { file: only.file });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!refused.ok && refused.error.message).toMatch(/only verified backup/);
    expect(existsSync(only.file)).toBe(true);

    const newer = await t.call('backups.create', {});
    expect(await t.call('backups.delete', { file: only.file })).toEqual({ file: only.file, deleted: true });
    expect(existsSync(only.file)).toBe(false);
    expect((await t.call('backups.list', {})).map((b) => b.file)).toEqual([newer.file]);

    const stranger = await t.core.invoke('backups.delete', { file: join(t.dataDir, 'journal.sqlite') });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(existsSync(join(t.dataDir, 'journal.sqlite'))).toBe(true);
    const relative = await t.core.invoke('backups.delete', { file: 'backups/x.tpjbak' });
    expect(relative).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('backup status', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('says when the next scheduled run is due, and why the last scheduled run failed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tpj-status-'));
    dirs.push(dataDir);
    const failing: BackupFs = {
      ...nodeBackupFs,
      create: () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
    };
    const core = createCore({ dataDir, backup: { schedule: true, catchUpDelayMs: 0, fs: failing } });
    try {
      const before = Date.now();
      // The journal never had a backup: the catch-up run starts at once and fails.
      await new Promise<void>((resolve) => core.events.on('status', () => resolve()));
      // The scheduler plans the next run once the failed one has returned.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const result = await core.invoke('backups.status', {});
      if (!result.ok) throw new Error(result.error.message);
      const status = result.value as { nextRunAt: number; lastFailure: { at: number; message: string } | null };
      expect(status).toMatchObject({ scheduleEnabled: true, schedule: '0 3 * * *', lastBackupAt: null });
      expect(status.lastFailure?.message).toMatch(/may not write to/);
      expect(status.lastFailure?.at).toBeGreaterThanOrEqual(before);
      expect(status.nextRunAt).toBeGreaterThan(before);
      expect(new Date(status.nextRunAt).getMinutes()).toBe(0);
      expect(new Date(status.nextRunAt).getHours()).toBe(3);

      await core.invoke('backups.settings.update', { patch: { scheduleEnabled: false } });
      expect(await core.invoke('backups.status', {})).toMatchObject({ ok: true, value: { nextRunAt: null } });
    } finally {
      core.close();
    }
  });
});
