import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tpj = join(import.meta.dirname, '..', '..', 'bin', 'tpj.js');

/** Run the built `tpj` without a terminal; never throws on a non-zero exit. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tpj, ...args], {
      env: { ...process.env, TPJ_DATA_DIR: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('tpj backup, backups, restore, verify (built CLI)', () => {
  let dir: string;
  let journal: string;
  beforeAll(() => {
    if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'cli', 'tpj.js'))) {
      throw new Error('The CLI is not built: run `node scripts/build-cli.mjs` (npm test does it).');
    }
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-cli-backup-'));
    journal = join(dir, 'journal');
    expect((await cli('--data-dir', journal, 'demo', '--trades', '60', '--json')).code).toBe(0);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up, lists the backup as verified and restores it only when confirmed', async () => {
    const made = await cli('--data-dir', journal, 'backup', '--out', join(dir, 'usb'), '--json');
    expect(made.code).toBe(0);
    const backup = JSON.parse(made.stdout) as { file: string; verified: boolean };
    expect(backup.verified).toBe(true);

    const listed = await cli('--data-dir', journal, 'backups');
    expect(listed.stdout).toMatch(/Made\s+Size\s+Verified\s+Where\s+File/);
    expect(listed.stdout).toContain(backup.file);

    const refused = await cli('--data-dir', journal, 'restore', backup.file);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/trades\s+60\s+60/);
    expect(refused.stderr).toContain('add --yes to confirm');

    const restored = await cli('--data-dir', journal, 'restore', backup.file, '--yes');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('The journal as it was is kept at');
  });

  it('refuses a file that is not a backup with exit 1', async () => {
    const result = await cli('--data-dir', journal, 'restore', join(dir, 'missing.tpjbak'), '--yes');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('There is no backup file at');
  });

  it('verifies the journal, exiting 1 when a check fails', async () => {
    const healthy = await cli('--data-dir', journal, 'verify', '--json');
    expect(healthy.code).toBe(0);
    expect(JSON.parse(healthy.stdout)).toMatchObject({ ok: true });

    const db = new Database(join(journal, 'journal.sqlite'));
    db.prepare(`UPDATE trades SET quantity = '999' WHERE id = (SELECT id FROM trades LIMIT 1)`).run();
    db.close();
    const broken = await cli('--data-dir', journal, 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/✗ trades ⇄ executions\s+1 trade differs from the executions/);
  });
});
