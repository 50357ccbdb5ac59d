import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiDouble, type GeminiDouble } from '../../../tests/support/gemini-double';
import { tempCore } from '../../../tests/support/temp-core';

type TempCore = ReturnType<typeof tempCore>;

describe('AI settings, status and the connection test', () => {
  const open: TempCore[] = [];
  const doubles: GeminiDouble[] = [];
  afterEach(async () => {
    open.splice(0).forEach((t) => t.dispose());
    await Promise.all(doubles.splice(0).map((d) => d.close()));
  });

  function core(key: string | null, env: Record<string, string> = {}): TempCore {
    const t = tempCore({ ai: { keyStore: { getApiKey: () => key }, env, resilience: { timeoutMs: 2_000 } } });
    open.push(t);
    return t;
  }

  it('starts on auto with the default model, keeps changes, and rejects a bad URL', async () => {
    const t = core(null);
    expect(await t.call('ai.settings.get', {})).toEqual({ provider: 'auto', model: 'gemini-2.5-flash', baseUrl: null });
    const next = await t.call('ai.settings.update', {
      patch: { model: 'gemini-2.5-pro', baseUrl: 'http://127.0.0.1:9/' },
    });
    expect(next).toEqual({ provider: 'auto', model: 'gemini-2.5-pro', baseUrl: 'http://127.0.0.1:9/' });
    expect(await t.call('ai.settings.get', {})).toEqual(next);
    for (const baseUrl of ['ftp://x', 'http://gemini-proxy.example.com/', 'http://127.0.0.1.example.com/']) {
      const bad = await t.core.invoke('ai.settings.update', { patch: { baseUrl } });
      expect(bad.ok, baseUrl).toBe(false);
    }
    expect(await t.call('ai.settings.get', {})).toEqual(next);
    const proxy = await t.core.invoke('ai.settings.update', {
      patch: { baseUrl: 'https://gemini-proxy.example.com/' },
    });
    expect(proxy.ok).toBe(true);
  });

  it('says who answers and why, with only a yes/no about the key', async () => {
    const keyless = core(null);
    expect(await keyless.call('ai.status', {})).toMatchObject({
      keySet: false,
      activeProvider: 'local',
      reason: 'no Gemini API key is set',
      effectiveBaseUrl: 'https://generativelanguage.googleapis.com',
    });
    const keyed = core('secret-key-123', { TPJ_GEMINI_BASE_URL: 'http://127.0.0.1:1' });
    const status = await keyed.call('ai.status', {});
    expect(status).toMatchObject({ keySet: true, activeProvider: 'gemini', reason: null });
    expect(status.effectiveBaseUrl).toBe('http://127.0.0.1:1');
    expect(JSON.stringify(status)).not.toContain('secret-key-123');
    await keyed.call('ai.settings.update', { patch: { provider: 'local' } });
    expect(await keyed.call('ai.status', {})).toMatchObject({
      activeProvider: 'local',
      reason: 'Gemini is turned off in Settings',
    });
  });

  it('tests the connection: reachable with a latency, or the reason it is not', async () => {
    const double = await startGeminiDouble('good-key');
    doubles.push(double);
    const t = core('good-key');
    await t.call('ai.settings.update', { patch: { baseUrl: double.baseUrl } });
    const ok = await t.call('ai.test', {});
    expect(ok).toMatchObject({ keySet: true, reachable: true, error: null });
    expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
    expect(double.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1beta/models/gemini-2.5-flash']);

    double.always = { kind: 'error500' };
    expect(await t.call('ai.test', {})).toEqual({
      keySet: true,
      reachable: false,
      latencyMs: null,
      error: 'Gemini had a server error (HTTP 500)',
    });
    expect(await core(null).call('ai.test', {})).toMatchObject({ keySet: false, reachable: false });
  });
});
