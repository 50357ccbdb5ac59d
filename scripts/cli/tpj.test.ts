import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tpj = join(import.meta.dirname, '..', '..', 'bin', 'tpj.js');

/** Run the built `tpj` and return its exit code and output, never throwing on a non-zero exit. */
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

describe('tpj command (built CLI)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'cli', 'tpj.js'))) {
      throw new Error(
        'The CLI is not built: `npm test` builds it first; run `npm run build` when using vitest directly.',
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'tpj-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a demo journal and lists its trades as a table and as JSON', async () => {
    const demo = await cli('--data-dir', dir, 'demo', '--trades', '120', '--seed', '3', '--json');
    expect(demo.code).toBe(0);
    expect(JSON.parse(demo.stdout)).toMatchObject({ trades: 120, accounts: 3 });

    const listed = await cli('--data-dir', dir, 'trades', '--limit', '5');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/Opened\s+Account\s+Symbol/);
    expect(listed.stdout).toContain('5 of 120 trades');

    const json = await cli('--data-dir', dir, 'trades', '--all', '--side', 'short', '--json');
    const parsed = JSON.parse(json.stdout) as { total: number; items: { side: string }[] };
    expect(parsed.items.length).toBe(parsed.total);
    expect(parsed.items.every((t) => t.side === 'short')).toBe(true);
  });

  it('exits 1 with a clear message for a trader’s mistake', async () => {
    const badSide = await cli('--data-dir', dir, 'trades', '--side', 'sideways');
    expect(badSide.code).toBe(1);
    expect(badSide.stderr).toContain('--side must be one of: long, short');

    const again = await cli('--data-dir', dir, 'demo');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('only be loaded into an empty journal');

    const unknown = await cli('--frobnicate');
    expect(unknown.code).toBe(1);
  });

  it('reports the journal’s health with doctor', async () => {
    const doctor = await cli('--data-dir', dir, 'doctor', '--json');
    expect(doctor.code).toBe(0);
    const report = JSON.parse(doctor.stdout) as { checks: { name: string; level: string }[] };
    expect(report.checks.find((c) => c.name === 'database')?.level).toBe('ok');
    expect(report.checks.find((c) => c.name === 'last backup')?.level).toBe('warn');
  });

  it('refuses a journal from a newer version with exit 1', async () => {
    const newer = mkdtempSync(join(tmpdir(), 'tpj-cli-newer-'));
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(newer, 'journal.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    const result = await cli('--data-dir', newer, 'trades');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('newer version of Trading Path Journal');
    rmSync(newer, { recursive: true, force: true });
  });
});
