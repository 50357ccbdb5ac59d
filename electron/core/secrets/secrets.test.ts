import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiDouble, type GeminiDouble } from '../../../tests/support/gemini-double';
import { tempCore } from '../../../tests/support/temp-core';
import type { CoreOptions } from '../core';

const KEY = 'AIzaSy-entered-in-settings-0123456789';
const PASSWORD = 'pg-pass-never-shown';
type TempCore = ReturnType<typeof tempCore>;

describe('secrets entered in Settings', () => {
  const open: TempCore[] = [];
  const doubles: GeminiDouble[] = [];
  let logLines: string[] = [];
  afterEach(async () => {
    open.splice(0).forEach((t) => t.dispose());
    await Promise.all(doubles.splice(0).map((d) => d.close()));
    logLines = [];
  });

  async function setup(env: Record<string, string> = {}, options: Partial<CoreOptions> = {}) {
    const double = await startGeminiDouble(KEY);
    doubles.push(double);
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
    const t = tempCore({
      logger,
      ai: { env: { TPJ_GEMINI_BASE_URL: double.baseUrl, ...env }, resilience: { retries: 0, timeoutMs: 2_000 } },
      sync: { env: {} },
      ...options,
    });
    open.push(t);
    return { t, double };
  }

  it('uses a key entered in the page for Gemini, says only that it is set, and never logs it', async () => {
    const { t, double } = await setup();
    expect((await t.call('secrets.status', {})).gemini).toEqual({ set: false, source: null });
    const status = await t.call('secrets.gemini.set', { apiKey: ` ${KEY} ` });
    expect(status.gemini).toEqual({ set: true, source: 'memory' });
    expect(status.storage.kind).toBe('memory');
    expect(JSON.stringify(status)).not.toContain(KEY);

    expect((await t.call('ai.status', {})).activeProvider).toBe('gemini');
    expect((await t.call('ai.test', {})).reachable).toBe(true);
    expect(double.requests.at(-1)?.apiKey).toBe(KEY);

    const removed = await t.call('secrets.gemini.remove', {});
    expect(removed.gemini).toEqual({ set: false, source: null });
    expect((await t.call('ai.status', {})).activeProvider).toBe('local');
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(KEY);
  });

  it('lets GEMINI_API_KEY win over an entered key, as the CLI always worked', async () => {
    const { t, double } = await setup({ GEMINI_API_KEY: KEY });
    await t.call('secrets.gemini.set', { apiKey: 'entered-but-overridden' });
    expect((await t.call('secrets.status', {})).gemini).toEqual({ set: true, source: 'env' });
    await t.call('ai.test', {});
    expect(double.requests.at(-1)?.apiKey).toBe(KEY);
  });

  it('reports keys main read from the keychain as such, and refuses to take one when there is no keychain', async () => {
    const keychain = { kind: 'keychain' as const, available: true, backend: 'gnome_libsecret', message: null };
    const { t } = await setup({}, { secrets: { storage: keychain, initial: { geminiApiKey: KEY } } });
    expect((await t.call('secrets.status', {})).gemini).toEqual({ set: true, source: 'keychain' });

    const none = { ...keychain, available: false, message: 'no keychain here' };
    const { t: refusing } = await setup({}, { secrets: { storage: none } });
    const result = await refusing.core.invoke('secrets.gemini.set', { apiKey: KEY });
    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'no keychain here' } });
    expect((await refusing.call('secrets.status', {})).gemini.set).toBe(false);
  });

  it('takes a cloud connection, shows it without credentials, tests typed values, and disconnects', async () => {
    const { t } = await setup();
    const connection = {
      databaseUrl: `postgres://trader:${PASSWORD}@127.0.0.1:1/journal`,
      workspaceId: 'ws-settings',
      redisUrl: '',
      qdrantUrl: 'https://127.0.0.1:1',
      qdrantApiKey: 'qdrant-key-never-shown',
    };
    // "Test connection" on the typed values, before anything is kept.
    const checks = await t.call('sync.test', { connection });
    expect(checks.map((c) => [c.service, c.configured, c.ok])).toEqual([
      ['postgres', true, false],
      ['redis', false, false],
      ['qdrant', true, false],
    ]);
    expect((await t.call('sync.status', {})).configured).toBe(false);

    const status = await t.call('secrets.cloud.set', { connection });
    expect(status.cloud).toEqual({
      set: true,
      source: 'memory',
      workspaceId: 'ws-settings',
      postgres: 'postgres://127.0.0.1:1/journal',
      redis: null,
      qdrant: 'https://127.0.0.1:1',
      qdrantApiKeySet: true,
    });
    const sync = await t.call('sync.status', {});
    expect(sync).toMatchObject({ configured: true, workspaceId: 'ws-settings' });
    expect(sync.cloud.postgres).toBe('postgres://127.0.0.1:1/journal');

    expect((await t.call('secrets.cloud.remove', {})).cloud.set).toBe(false);
    expect((await t.call('sync.status', {})).configured).toBe(false);
    const everything = JSON.stringify([checks, status, sync]) + logLines.join('\n');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('qdrant-key-never-shown');
  });

  it('keeps the sync state of an entered connection in the status a backup sends', async () => {
    const { t } = await setup();
    await t.call('secrets.cloud.set', {
      connection: { databaseUrl: 'postgres://127.0.0.1:1/journal', workspaceId: 'ws-backup' },
    });
    const states: string[] = [];
    const off = t.core.events.on('status', (status) => states.push(status.sync.state));
    await t.call('backups.create', {});
    off();
    expect(states.length).toBeGreaterThan(0);
    expect(states).not.toContain('not-configured');
  });

  it('lets the environment connection win over an entered one', async () => {
    const { t } = await setup(
      {},
      { sync: { env: { TIMESCALE_DATABASE_URL: 'postgres://h:5432/env', TPJ_WORKSPACE: 'env-ws' } } },
    );
    await t.call('secrets.cloud.set', { connection: { databaseUrl: 'postgres://h:5432/typed', workspaceId: 'typed' } });
    expect((await t.call('secrets.status', {})).cloud).toMatchObject({ source: 'env', workspaceId: 'env-ws' });
  });
});
