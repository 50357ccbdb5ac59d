import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { loadDemoJournal } from '../../electron/core/demo/load';
import { startGeminiDouble } from '../../tests/support/gemini-double';
import { askFrom, forTerminal, providerLine } from './coach';

const run = promisify(execFile);
const tpj = join(import.meta.dirname, '..', '..', 'bin', 'tpj.js');

/** Run the built `tpj` without a terminal; never throws on a non-zero exit. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({}, ...args);
}

/** The same with extra environment (a Gemini key and the double's URL). */
async function cliWith(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tpj, ...args], {
      env: { ...process.env, TPJ_DATA_DIR: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('tpj coach (built CLI)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'cli', 'tpj.js'))) {
      throw new Error('The CLI is not built: run `node scripts/build-cli.mjs` (npm test does it).');
    }
    dir = mkdtempSync(join(tmpdir(), 'tpj-cli-coach-'));
    const core = createCore({ dataDir: dir });
    loadDemoJournal(core.store, { trades: 300, seed: 3, endDay: '2025-06-27' });
    core.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reviews a week in words a terminal shows, and as JSON with citations', async () => {
    const text = await cli('--data-dir', dir, 'coach', '--week', '2025-06-24');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Local coach — no Gemini API key is set');
    expect(text.stdout).toContain('Weekly review: 2025-06-23 to 2025-06-29');
    expect(text.stdout).toMatch(/Best trade: \S+ (long|short), .+ \(trade [0-9a-f-]{36}\)/);
    expect(text.stdout).not.toContain('](trade:');

    const json = await cli('--data-dir', dir, 'coach', '--week', '2025-06-24', '--json');
    const reply = JSON.parse(json.stdout) as { provider: string; citations: { kind: string; id: string }[] };
    expect(reply.provider).toBe('local');
    expect(reply.citations.length).toBeGreaterThan(0);
  });

  it('answers a question, and reviews a trade it cites', async () => {
    const asked = await cli('--data-dir', dir, 'coach', '--json', 'am', 'I', 'holding', 'losers?');
    expect(asked.code).toBe(0);
    const reply = JSON.parse(asked.stdout) as { answer: string; citations: { id: string }[] };
    expect(reply.answer).toMatch(/holding time/);
    const id = reply.citations[0]?.id ?? '';
    const review = await cli('--data-dir', dir, 'coach', '--trade', id);
    expect(review.code).toBe(0);
    expect(review.stdout).toContain(`Trade review:`);
    expect(review.stdout).toContain(`(trade ${id})`);
  });

  it('answers with Gemini when GEMINI_API_KEY is set, and names the reason when it falls back', async () => {
    const double = await startGeminiDouble('cli-test-key');
    try {
      double.answerText = 'Cut the **losers** sooner.';
      const env = { GEMINI_API_KEY: 'cli-test-key', TPJ_GEMINI_BASE_URL: double.baseUrl };
      const asked = await cliWith(env, '--data-dir', dir, 'coach', 'how', 'am', 'I', 'doing?');
      expect(asked.code).toBe(0);
      expect(asked.stdout).toContain('Gemini (gemini-2.5-flash)');
      expect(asked.stdout).toContain('Cut the losers sooner.');

      double.always = { kind: 'error500' };
      const fallback = await cliWith(env, '--data-dir', dir, 'coach', 'how', 'am', 'I', 'doing?');
      expect(fallback.code).toBe(0);
      expect(fallback.stdout).toContain('Local coach — Gemini had a server error (HTTP 500)');
      const log = readFileSync(join(dir, 'logs', 'tpj.log'), 'utf8');
      expect(log).toContain('coach fell back to the local provider');
      expect(log).not.toContain('cli-test-key');
    } finally {
      await double.close();
    }
  });

  it('exits 1 with a plain message for mixed modes, a bad date or an unknown trade', async () => {
    const mixed = await cli('--data-dir', dir, 'coach', '--trade', 'x', '--week', '2025-06-24');
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('Ask one thing at a time');
    expect((await cli('--data-dir', dir, 'coach', '--week', 'june')).code).toBe(1);
    const unknown = await cli('--data-dir', dir, 'coach', '--trade', 'no-such-trade');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('That trade no longer exists.');
  });
});

describe('coach arguments', () => {
  it('names who answered: Gemini with its model, or the local coach with the reason', () => {
    expect(providerLine({ provider: 'gemini', model: 'gemini-2.5-pro' })).toBe('Gemini (gemini-2.5-pro)');
    expect(providerLine({ provider: 'local', fallbackReason: 'Gemini did not answer in time' })).toBe(
      'Local coach — Gemini did not answer in time',
    );
    expect(providerLine({ provider: 'local' })).toBe('Local coach — works offline');
  });

  it('picks the mode from the arguments and defaults to the overall review', () => {
    expect(askFrom('', {})).toEqual({ mode: 'chat', question: 'How am I doing overall?' });
    expect(askFrom('', { week: '2025-01-02' })).toEqual({ mode: 'week', date: '2025-01-02' });
    expect(() => askFrom('why?', { trade: 't1' })).toThrow('Ask one thing at a time');
  });

  it('shows trade links as their id and drops markdown marks', () => {
    expect(forTerminal('**Best:** [ES long, 3 Mar](trade:abc) and a \\*star')).toBe(
      'Best: ES long, 3 Mar (trade abc) and a *star',
    );
  });
});
