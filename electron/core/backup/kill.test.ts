import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../core';
import { tableCounts } from './tables';
import { fingerprint } from './test-support/archives';

describe('a backup killed mid-write (SIGKILL)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-kill-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves no complete-looking archive and the journal intact', async () => {
    const dataDir = join(dir, 'journal');
    const folder = join(dir, 'out');
    const setup = createCore({ dataDir });
    await setup.invoke('demo.load', { trades: 300, seed: 9 });
    setup.close();
    const before = readJournal(dataDir);

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'test-support', 'backup-child.ts'), dataDir, folder],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('writing')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the backup process ended early (${code})`)));
    });
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const left = readdirSync(folder);
    expect(left.every((name) => name.endsWith('.tpjbak.partial'))).toBe(true);
    expect(left.length).toBe(1);
    expect(statSync(join(folder, left[0] ?? '')).size).toBeGreaterThan(0);
    expect(readJournal(dataDir)).toEqual(before);

    // The app carries on: the leftover is not listed, and the next backup succeeds.
    const core = createCore({ dataDir });
    try {
      expect(await core.invoke('backups.list', {})).toEqual({ ok: true, value: [] });
      const next = await core.invoke('backups.create', { folder });
      expect(next).toMatchObject({ ok: true, value: { verified: true } });
    } finally {
      core.close();
    }
  });
});

/** Health and content of a journal; sync_state is left out: picking the folder remembered it. */
function readJournal(dataDir: string) {
  const db = new Database(join(dataDir, 'journal.sqlite'));
  try {
    const counts = tableCounts(db);
    delete counts.sync_state;
    return {
      quickCheck: db.pragma('quick_check', { simple: true }) as string,
      counts,
      print: fingerprint(db, ['sync_state']),
    };
  } finally {
    db.close();
  }
}
