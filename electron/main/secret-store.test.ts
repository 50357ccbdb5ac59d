import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretStore, SecretStoreError } from './secret-store';
import { createFakeSafeStorage } from './test-fakes';

const KEY = 'AIzaSy-secret-store-test-key';
const connection = {
  databaseUrl: 'postgres://trader:hunter2@db.example.com:5432/journal',
  workspaceId: 'ws-1',
  redisUrl: 'redis://:redispass@cache.example.com:6379',
  qdrantUrl: '',
  qdrantApiKey: 'qdrant-secret',
};

describe('SecretStore', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tpj-secrets-'));
    file = join(dir, 'secrets.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the key and the connection encrypted in a file only the user can read, and reads them back', () => {
    const safe = createFakeSafeStorage();
    const store = new SecretStore(safe, file, 'linux');
    store.setGeminiKey(KEY);
    store.setCloud(connection);
    const text = readFileSync(file, 'utf8');
    for (const secret of [KEY, 'hunter2', 'redispass', 'qdrant-secret', 'db.example.com'])
      expect(text).not.toContain(secret);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.tmp`)).toBe(false);
    expect(new SecretStore(safe, file, 'linux').read()).toEqual({ geminiApiKey: KEY, cloud: connection });
  });

  it('removes one secret and keeps the other', () => {
    const store = new SecretStore(createFakeSafeStorage(), file, 'linux');
    store.setGeminiKey(KEY);
    store.setCloud(connection);
    store.setGeminiKey(null);
    expect(store.read()).toEqual({ cloud: connection });
    store.setCloud(null);
    expect(store.read()).toEqual({});
  });

  it('refuses to save with a clear error when the system offers no encryption, and writes nothing', () => {
    const store = new SecretStore(createFakeSafeStorage({ available: false }), file, 'linux');
    expect(() => store.setGeminiKey(KEY)).toThrow(SecretStoreError);
    expect(() => store.setGeminiKey(KEY)).toThrow(/no keychain/);
    expect(existsSync(file)).toBe(false);
    expect(store.storageInfo()).toMatchObject({
      kind: 'keychain',
      available: false,
    });
    expect(store.storageInfo().message).toMatch(/cannot be saved/);
  });

  it('says on Linux when safeStorage falls back to basic_text, which is not a real keychain', () => {
    const basic = new SecretStore(createFakeSafeStorage({ backend: 'basic_text' }), file, 'linux');
    expect(basic.storageInfo()).toMatchObject({
      available: true,
      backend: 'basic_text',
    });
    expect(basic.storageInfo().message).toMatch(/fixed key/);
    const gnome = new SecretStore(createFakeSafeStorage(), file, 'linux');
    expect(gnome.storageInfo()).toEqual({
      kind: 'keychain',
      available: true,
      backend: 'gnome_libsecret',
      message: null,
    });
    expect(new SecretStore(createFakeSafeStorage(), file, 'darwin').storageInfo().backend).toBeNull();
  });

  it('skips, and reports without the value, an entry that no longer decrypts', () => {
    const store = new SecretStore(createFakeSafeStorage(), file, 'linux');
    store.setCloud(connection);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    writeFileSync(file, JSON.stringify({ ...saved, gemini: Buffer.from('garbage').toString('base64') }));
    const problems: string[] = [];
    expect(store.read((p) => problems.push(p))).toEqual({ cloud: connection });
    expect(problems).toEqual([expect.stringMatching(/Gemini API key could not be decrypted/)]);
  });

  it('reads a missing or damaged file as nothing saved', () => {
    const store = new SecretStore(createFakeSafeStorage(), file, 'linux');
    expect(store.read()).toEqual({});
    writeFileSync(file, '{not json');
    expect(store.read()).toEqual({});
    store.setGeminiKey(KEY);
    expect(store.read()).toEqual({ geminiApiKey: KEY });
  });
});
