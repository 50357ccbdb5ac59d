import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntityName } from '../../../shared/contract';
import { tempCore } from '../../../tests/support/temp-core';
import { createCore } from '../core';
import { liveTableCounts, tableCounts } from './tables';
import { fingerprint, restoreBookkeeping } from './test-support/archives';

describe('restoring a backup', () => {
  let t: ReturnType<typeof tempCore>;
  afterEach(() => t.dispose());

  async function journalWithBackup() {
    t = tempCore();
    await t.call('demo.load', { trades: 40, seed: 5 });
    const attachment = await t.call('attachments.add', {
      fileName: 'chart.png',
      mime: 'image/png',
      dataBase64: Buffer.from('the original screenshot').toString('base64'),
    });
    const backup = await t.call('backups.create', {});
    return { attachment, backup, print: fingerprint(t.core.store.db, restoreBookkeeping) };
  }

  it('brings the journal back to the backup: rows, attachment files, with a new device id and sync reset', async () => {
    const { attachment, backup, print } = await journalWithBackup();
    const oldDevice = t.core.store.deviceId;
    // The accidents a restore undoes: an edit, a deletion, a lost file.
    await t.call('accounts.create', { name: 'Scratch', currency: 'USD' });
    const [first] = (await t.call('trades.list', { limit: 1 })).items;
    await t.call('trades.delete', { id: first?.id ?? '' });
    rmSync(join(t.dataDir, 'files', attachment.sha256));
    const changed: EntityName[][] = [];
    t.core.events.on('journal.changed', (e) => changed.push(e.entities));

    const inspected = await t.call('backups.inspect', { file: backup.file });
    expect(inspected.tables.find((x) => x.table === 'accounts')).toEqual({
      table: 'accounts',
      current: 4,
      backup: 3,
      currentLive: 4,
      backupLive: 3,
    });

    const summary = await t.call('backups.restore', { file: backup.file });
    const db = t.core.store.db;
    expect(fingerprint(db, restoreBookkeeping)).toBe(print);
    expect(summary.previousDeviceId).toBe(oldDevice);
    expect(summary.deviceId).not.toBe(oldDevice);
    expect(t.core.store.deviceId).toBe(summary.deviceId);
    expect(summary.attachmentsCopied).toBe(1);
    expect((await t.call('attachments.read', { id: attachment.id })).dataBase64).toBe(
      Buffer.from('the original screenshot').toString('base64'),
    );
    expect(changed.flat()).toEqual(expect.arrayContaining(['trades', 'accounts', 'attachments']));
    // The summary's counts of the restored side (taken during the checks, the prepared tables
    // recounted) are the restored journal's own.
    const restored = { raw: tableCounts(db), live: liveTableCounts(db) };
    for (const row of summary.tables) {
      expect([row.table, row.backup, row.backupLive]).toEqual([
        row.table,
        restored.raw[row.table] ?? null,
        restored.live[row.table] ?? null,
      ]);
    }

    // Everything is to be pushed again from the new device; backup bookkeeping is kept.
    const state = Object.fromEntries(db.prepare(`SELECT key, value FROM sync_state`).raw().all() as [string, string][]);
    expect(state.needs_full_push).toBe('1');
    expect(Number(state.last_backup_at)).toBe(backup.createdAt);
    expect(db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(0);
    expect((await t.call('backups.list', {}))[0]).toMatchObject({ file: backup.file, verified: true });

    // The journal as it was is kept beside a note, and the restored one takes new edits.
    const safety = new Database(summary.safetyCopy, { readonly: true });
    expect(safety.prepare(`SELECT count(*) FROM accounts`).pluck().get()).toBe(4);
    safety.close();
    const note = JSON.parse(readFileSync(summary.safetyCopy.replace(/\.sqlite$/, '.json'), 'utf8')) as {
      deviceId: string;
    };
    expect(note.deviceId).toBe(oldDevice);
    const account = await t.call('accounts.create', { name: 'After restore', currency: 'EUR' });
    const logged = db.prepare(`SELECT device_id FROM accounts WHERE id = ?`).pluck().get(account.id) as string;
    expect(logged).toBe(summary.deviceId);
    expect(db.prepare(`SELECT count(*) FROM outbox WHERE row_id = ?`).pluck().get(account.id)).toBe(1);
  });

  it('refuses while another program has the journal open, and changes nothing', async () => {
    const { backup } = await journalWithBackup();
    await t.call('accounts.create', { name: 'Kept', currency: 'USD' });
    const before = fingerprint(t.core.store.db);
    const other = new Database(join(t.dataDir, 'journal.sqlite'));
    other.prepare(`SELECT count(*) FROM trades`).get();
    const result = await t.core.invoke('backups.restore', { file: backup.file });
    other.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!result.ok && result.error.message).toMatch(/open in another program/);
    expect(fingerprint(t.core.store.db)).toBe(before);
    expect((await t.call('accounts.list', {})).length).toBe(4);
    expect(readdirSync(join(t.dataDir, 'backups')).filter((n) => n.startsWith('pre-restore'))).toEqual([]);
  });

  it('undoes a bad import', async () => {
    const { backup, print } = await journalWithBackup();
    const [account] = await t.call('accounts.list', {});
    const day = Date.UTC(2026, 10, 2, 15);
    await t.call('executions.add', {
      accountId: account?.id ?? '',
      executions: [
        { symbol: 'WRONG', assetClass: 'stock', side: 'buy', quantity: '100', price: '10', executedAt: day },
        { symbol: 'WRONG', assetClass: 'stock', side: 'sell', quantity: '100', price: '1', executedAt: day + 60_000 },
      ],
    });
    expect((await t.call('trades.list', { limit: 1 })).total).toBe(41);
    await t.call('backups.restore', { file: backup.file });
    expect((await t.call('trades.list', { limit: 1 })).total).toBe(40);
    expect(fingerprint(t.core.store.db, restoreBookkeeping)).toBe(print);
  });

  it('recovers a journal whose database no longer opens, once the broken file is moved aside', async () => {
    const { backup, print } = await journalWithBackup();
    t.core.close();
    const database = join(t.dataDir, 'journal.sqlite');
    writeFileSync(database, 'this is not a database any more, the disk mangled it');
    expect(() => createCore({ dataDir: t.dataDir })).toThrow();
    renameSync(database, `${database}.broken`);
    const fresh = createCore({ dataDir: t.dataDir });
    t = { ...t, core: fresh };
    expect(await fresh.invoke('backups.restore', { file: backup.file })).toMatchObject({ ok: true });
    expect(fingerprint(fresh.store.db, restoreBookkeeping)).toBe(print);
  });

  it('answers every call while restoring, and ends with exactly the backup', async () => {
    const { backup, print } = await journalWithBackup();
    let swapping = false;
    t.core.events.on('backup.progress', (p) => {
      if (p.operation === 'restore' && p.phase === 'swap') swapping = true;
    });
    const restore = t.core.invoke('backups.restore', { file: backup.file });
    let done = false;
    void restore.finally(() => (done = true));
    const outcomes = new Map<string, number>();
    let calls = 0;
    while (!done) {
      calls++;
      // Writes stop once the swap starts, so the restored journal must equal the backup exactly.
      const result =
        calls % 3 === 0 && !swapping
          ? await t.core.invoke('tags.create', { name: `during ${calls}` })
          : await t.core.invoke(calls % 2 ? 'trades.list' : 'app.status', calls % 2 ? { limit: 5 } : {});
      const key = result.ok ? 'ok' : result.error.code;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await restore).toMatchObject({ ok: true });
    expect(calls).toBeGreaterThan(1);
    expect([...outcomes.keys()].every((k) => k === 'ok' || k === 'UNAVAILABLE')).toBe(true);
    expect(fingerprint(t.core.store.db, restoreBookkeeping)).toBe(print);
    expect((await t.call('trades.list', { limit: 1 })).total).toBe(40);
  });
});
