import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { loadDemoJournal } from '../../electron/core/demo/load';

const run = promisify(execFile);
const tpj = join(import.meta.dirname, '..', '..', 'bin', 'tpj.js');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tpj, ...args], {
      env: { ...process.env, TPJ_DATA_DIR: '', GEMINI_API_KEY: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('tpj similar and tpj embeddings (built CLI)', { timeout: 180_000 }, () => {
  let dir: string;
  let tradeId: string;
  beforeAll(() => {
    if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'cli', 'tpj.js'))) {
      throw new Error('The CLI is not built: run `node scripts/build-cli.mjs` (npm test does it).');
    }
    dir = mkdtempSync(join(tmpdir(), 'tpj-cli-embeddings-'));
    const core = createCore({ dataDir: dir });
    loadDemoJournal(core.store, { trades: 200, seed: 3, endDay: '2025-06-27' });
    tradeId = core.store.db.prepare(`SELECT id FROM trades ORDER BY id LIMIT 1`).pluck().get() as string;
    core.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists similar trades offline, embedding the journal on first use', async () => {
    const json = await cli('--data-dir', dir, 'similar', tradeId, '--k', '3', '--json');
    expect(json.code).toBe(0);
    expect(json.stderr).toContain('embedding 200 trades');
    const result = JSON.parse(json.stdout) as { provider: string; items: { trade: { id: string }; score: number }[] };
    expect(result.provider).toBe('local');
    expect(result.items).toHaveLength(3);
    expect(result.items.map((i) => i.trade.id)).not.toContain(tradeId);
    const scores = result.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const text = await cli('--data-dir', dir, 'similar', tradeId, '--k', '2');
    expect(text.stderr).not.toContain('embedding');
    expect(text.stdout.split('\n')[1]).toMatch(
      /^\d\.\d{3} {2}[0-9a-f-]{36} {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}\S+ (long|short)/,
    );
  });

  it('rebuilds with progress on stderr, and says plainly when a trade does not exist', async () => {
    const rebuilt = await cli('--data-dir', dir, 'embeddings', 'rebuild', '--json');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toContain('100%');
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({
      provider: 'local',
      trades: 200,
      tradesEmbedded: 200,
      coverage: 1,
    });

    const missing = await cli('--data-dir', dir, 'similar', 'no-such-trade');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('That trade no longer exists.');
  });
});
