import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from './http-client';

type Call = { url: string; init: RequestInit | undefined };

function stubFetch(respond: () => Promise<Response>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return respond();
  });
  return calls;
}

function json(status: number, body: unknown): Promise<Response> {
  return Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
}

// The event stream is opened lazily; these tests never subscribe, so no EventSource is needed.
const noEvents = () => {
  throw new Error('no EventSource in these tests');
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('HTTP client invoke', () => {
  it('posts the input as JSON to /rpc/<method> and returns the value', async () => {
    const page = { items: [], nextCursor: null, total: 0 };
    const calls = stubFetch(() => json(200, { ok: true, value: page }));
    const client = createHttpClient({ eventSource: noEvents });

    const result = await client.invoke('trades.list', { filter: {}, cursor: null, limit: 100 });

    expect(result).toEqual({ ok: true, value: page });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/rpc/trades.list');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.credentials).toBe('same-origin');
    expect(calls[0]?.init?.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(calls[0]?.init?.body as string)).toEqual({ filter: {}, cursor: null, limit: 100 });
  });

  it('passes a refused call through unchanged, with its code, message and fields', async () => {
    const refused = {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Base currency must be a three-letter code.',
        fields: [{ path: 'patch.baseCurrency', message: 'must be a three-letter currency code like USD' }],
      },
    };
    stubFetch(() => json(200, refused));
    const client = createHttpClient({ eventSource: noEvents });

    expect(await client.invoke('settings.update', { patch: { baseCurrency: 'us' } })).toEqual(refused);
  });

  it('passes through a Result the host sends with an error status', async () => {
    const unknown = { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'No such method: x' } };
    stubFetch(() => json(404, unknown));
    const client = createHttpClient({ eventSource: noEvents });

    expect(await client.invoke('app.status', {})).toEqual(unknown);
  });

  it('turns a network failure into UNAVAILABLE instead of throwing', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const client = createHttpClient({ eventSource: noEvents });

    const result = await client.invoke('app.status', {});

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('UNAVAILABLE');
      expect(result.error.message).toMatch(/not reachable/);
    }
  });

  it('explains a lost session when the host answers 401 in plain text', async () => {
    stubFetch(() => Promise.resolve(new Response('Open the address printed by `tpj serve`', { status: 401 })));
    const client = createHttpClient({ eventSource: noEvents });

    const result = await client.invoke('app.status', {});

    expect(result.ok ? null : result.error.code).toBe('UNAUTHORIZED');
  });
});

describe('HTTP client events', () => {
  it('shares one event stream and delivers parsed payloads to each listener until it unsubscribes', () => {
    const opened: string[] = [];
    const domListeners = new Map<string, (e: { data: string }) => void>();
    const fakeSource = {
      addEventListener: (name: string, fn: (e: { data: string }) => void) => domListeners.set(name, fn),
    } as unknown as EventSource;
    const client = createHttpClient({
      eventSource: (url) => {
        opened.push(url);
        return fakeSource;
      },
    });
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];

    const offA = client.on('journal.changed', (p) => seenA.push(p));
    client.on('journal.changed', (p) => seenB.push(p));
    client.on('status', () => undefined);
    domListeners.get('journal.changed')?.({ data: '{"entities":["trades"]}' });
    offA();
    domListeners.get('journal.changed')?.({ data: '{"entities":["tags"]}' });
    domListeners.get('journal.changed')?.({ data: 'not json' });

    expect(opened).toEqual(['/events']);
    expect(seenA).toEqual([{ entities: ['trades'] }]);
    expect(seenB).toEqual([{ entities: ['trades'] }, { entities: ['tags'] }]);
  });

  it('asks every view to refresh when the stream (re)opens, since changes made meanwhile were not sent', () => {
    const domListeners = new Map<string, (e: { data: string }) => void>();
    const fakeSource = {
      addEventListener: (name: string, fn: (e: { data: string }) => void) => domListeners.set(name, fn),
    } as unknown as EventSource;
    const client = createHttpClient({ eventSource: () => fakeSource });
    const seen: { entities: string[] }[] = [];
    const charts: (string[] | null)[] = [];
    client.on('journal.changed', (p) => seen.push(p));
    client.on('ticks.changed', (p) => charts.push(p.symbols));
    (domListeners.get('open') as unknown as () => void)();
    expect(seen[0]?.entities).toEqual(expect.arrayContaining(['trades', 'accounts', 'settings']));
    // Ticks added meanwhile are unknown too: every chart redraws.
    expect(charts).toEqual([null]);
  });
});
