import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, tempCore } from '../../../tests/support/temp-core';
import { startHost, type Host } from './server';

describe('loopback host', () => {
  let t: ReturnType<typeof tempCore>;
  let host: Host;
  let base: string;
  beforeEach(async () => {
    t = tempCore();
    host = await startHost({ core: t.core, port: 0 });
    base = `http://127.0.0.1:${host.port}`;
  });
  afterEach(async () => {
    await host.close();
    t.dispose();
  });

  const rpc = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/rpc/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, ...headers },
      body: JSON.stringify(body),
    });

  it('answers a contract call made with the token', async () => {
    const res = await rpc('accounts.create', { name: 'Main' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: { name: string } };
    expect(body).toMatchObject({ ok: true, value: { name: 'Main' } });
  });

  it('refuses requests without the token or with a wrong one', async () => {
    const none = await fetch(`${base}/rpc/accounts.list`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await rpc('accounts.list', {}, { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/events`)).status).toBe(401);
  });

  it('answers 404 for a method the contract does not have', async () => {
    const res = await rpc('trades.explode', {});
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('rejects bad input with INVALID_INPUT and writes nothing', async () => {
    const before = countRows(t.core, 'outbox');
    const res = await rpc('accounts.create', { name: '', currency: 'dollars' });
    const body = (await res.json()) as { ok: false; error: { code: string; fields: { path: string }[] } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.fields.map((f) => f.path).sort()).toEqual(['currency', 'name']);
    expect(countRows(t.core, 'outbox')).toBe(before);
    expect(countRows(t.core, 'accounts')).toBe(0);
  });

  it('refuses to bind anywhere but loopback', async () => {
    await expect(startHost({ core: t.core, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /only listens on this computer/,
    );
  });

  it('refuses other host names and cross-site origins (DNS rebinding, CSRF)', async () => {
    // fetch() may not set Host, so this one goes through node:http.
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/rpc/accounts.list',
          method: 'POST',
          headers: { host: `evil.example:${host.port}`, authorization: `Bearer ${host.token}` },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebound).toBe(403);
    const crossSite = await rpc('accounts.list', {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
  });

  it('turns the token in the address into an HttpOnly cookie and drops it from the address', async () => {
    const res = await fetch(host.url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await fetch(`${base}/rpc/tags.list`, {
      method: 'POST',
      headers: { cookie: cookie.split(';')[0] ?? '' },
      body: '{}',
    });
    expect(withCookie.status).toBe(200);
  });

  it('streams journal.changed events to a subscribed client', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/events`, {
      headers: { authorization: `Bearer ${host.token}` },
      signal: controller.signal,
    });
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no event stream');
    await reader.read(); // ": connected"
    await rpc('tags.create', { name: 'news' });
    let text = '';
    while (!text.includes('journal.changed')) {
      const chunk = await reader.read();
      text += new TextDecoder().decode(chunk.value as Uint8Array);
    }
    expect(text).toContain('"entities":["tags"]');
    controller.abort();
  });
});
