import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodName, Result } from '../../shared/contract';
import { invokeChannel } from './channels';
import { registerContract, type CallRelay } from './register-contract';
import { createSecretRelay } from './secret-relay';
import { SecretStore } from './secret-store';
import { createFakeIpcMain, createFakeSafeStorage } from './test-fakes';

type FakeEvent = { trusted: boolean };
const trusted: FakeEvent = { trusted: true };
const KEY = 'AIzaSy-relay-test-key';
const status = { ok: true, value: { gemini: { set: true, source: 'keychain' } } } as const;

describe('secret calls through main', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tpj-secret-relay-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function setup(options: { available?: boolean } = {}) {
    const safe = createFakeSafeStorage(options);
    const store = new SecretStore(safe, join(dir, 'secrets.json'), 'linux');
    const calls: { method: MethodName; input: unknown }[] = [];
    const core: CallRelay = {
      invoke: (method, input) => {
        calls.push({ method, input });
        return Promise.resolve<Result<unknown>>(status);
      },
    };
    const fake = createFakeIpcMain<FakeEvent>();
    registerContract(fake.ipcMain, createSecretRelay(store, core), (event) => event.trusted);
    return {
      store,
      calls,
      call: (method: MethodName, event: FakeEvent, input: unknown) => fake.call(invokeChannel(method), event, input),
    };
  }

  it('saves the key in the keychain file before the core hears it, and answers with the status only', async () => {
    const { store, calls, call } = setup();
    const result = await call('secrets.gemini.set', trusted, { apiKey: `  ${KEY} ` });
    expect(result).toEqual(status);
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(store.read()).toEqual({ geminiApiKey: KEY });
    expect(calls).toEqual([{ method: 'secrets.gemini.set', input: { apiKey: `  ${KEY} ` } }]);

    await call('secrets.gemini.remove', trusted, {});
    expect(store.read()).toEqual({});
    expect(calls.map((c) => c.method)).toEqual(['secrets.gemini.set', 'secrets.gemini.remove']);
  });

  it('keeps the cloud connection and hands it on', async () => {
    const { store, calls, call } = setup();
    const connection = { databaseUrl: 'postgres://u:p@localhost:5432/db', workspaceId: 'ws' };
    await call('secrets.cloud.set', trusted, { connection });
    expect(store.read()).toEqual({ cloud: connection });
    await call('secrets.cloud.remove', trusted, {});
    expect(store.read()).toEqual({});
    expect(calls.map((c) => c.method)).toEqual(['secrets.cloud.set', 'secrets.cloud.remove']);
  });

  it('refuses when the OS offers no encryption: nothing saved, the core never hears the key', async () => {
    const { store, calls, call } = setup({ available: false });
    const result = await call('secrets.gemini.set', trusted, { apiKey: KEY });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(result.ok ? '' : result.error.message).toMatch(/no keychain/);
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(store.read()).toEqual({});
    expect(calls).toEqual([]);
  });

  it('refuses another window and bad input before anything is saved', async () => {
    const { store, calls, call } = setup();
    expect(await call('secrets.gemini.set', { trusted: false }, { apiKey: KEY })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await call('secrets.gemini.set', trusted, { apiKey: 'two words' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await call('secrets.cloud.set', trusted, { connection: { databaseUrl: 'mysql://x', workspaceId: 'ws' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(store.read()).toEqual({});
    expect(calls).toEqual([]);
  });

  it('passes every other call straight to the core', async () => {
    const { calls, call } = setup();
    await call('secrets.status', trusted, {});
    await call('accounts.list', trusted, {});
    expect(calls.map((c) => c.method)).toEqual(['secrets.status', 'accounts.list']);
  });
});
