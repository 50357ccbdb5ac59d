import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const tpj = join(root, 'bin', 'tpj.js');
const fixture = (name: string) => join(root, 'tests', 'fixtures', 'market', name);

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

describe('tpj ticks import (built CLI)', { timeout: 90_000 }, () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(root, 'out', 'cli', 'tpj.js'))) {
      throw new Error('The CLI is not built: run `node scripts/build-cli.mjs` (npm test does it).');
    }
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-cli-ticks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a tick file in a zone, then adds nothing the second time', async () => {
    const first = await cli('--data-dir', dir, 'ticks', 'import', fixture('es-ticks.csv'), '--tz', 'America/New_York');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('es-ticks.csv: 5 ticks of ESZ5 from 2025-03-03T14:30:00.000Z');
    expect(first.stdout).toContain('5 new, 0 already in the journal');
    const again = await cli(
      '--data-dir',
      dir,
      'ticks',
      'import',
      fixture('es-ticks.csv'),
      '--tz',
      'America/New_York',
      '--json',
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ kind: 'ticks', rows: 5, added: 0, symbols: ['ESZ5'] });
  });

  it('exits 1 naming the bad rows, and takes --symbol for bar files without one', async () => {
    const bad = await cli('--data-dir', dir, 'ticks', 'import', fixture('ticks-bad.csv'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('nothing was imported');
    expect(bad.stderr).toContain('ticks-bad.csv:4:price');
    const bars = await cli('--data-dir', dir, 'ticks', 'import', fixture('es-bars-1m.csv'), '--symbol', 'ES', '--json');
    expect(bars.code).toBe(0);
    expect(JSON.parse(bars.stdout)).toMatchObject({ kind: 'bars', rows: 3, added: 3, symbols: ['ES'] });
  });
});
