import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestMessage } from './protocol';
import { createRequestRelay } from './request-relay';

describe('createRequestRelay', () => {
  let sent: RequestMessage[];
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
  });
  afterEach(() => vi.useRealTimers());

  const relayWith = (timeoutMs = 1000) =>
    createRequestRelay({ send: (request) => sent.push(request), timeoutFor: () => timeoutMs });

  it('matches each answer to its own call, whatever order the core answers in', async () => {
    const relay = relayWith();
    const first = relay.invoke('accounts.list', {});
    const second = relay.invoke('tags.list', {});
    const [a, b] = sent;
    if (!a || !b) throw new Error('two requests expected');
    expect(a.id).not.toBe(b.id);
    relay.receive({ type: 'response', id: b.id, result: { ok: true, value: 'tags' } });
    relay.receive({ type: 'response', id: a.id, result: { ok: true, value: 'accounts' } });
    expect(await first).toEqual({ ok: true, value: 'accounts' });
    expect(await second).toEqual({ ok: true, value: 'tags' });
    expect(relay.pendingCount).toBe(0);
  });

  it('answers UNAVAILABLE after the timeout and ignores the late answer', async () => {
    const relay = relayWith(500);
    const call = relay.invoke('accounts.list', {});
    await vi.advanceTimersByTimeAsync(499);
    expect(relay.pendingCount).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const id = sent[0]?.id ?? -1;
    expect(relay.receive({ type: 'response', id, result: { ok: true, value: 'late' } })).toBe(false);
  });

  it('clears the timer once answered', async () => {
    const relay = relayWith();
    const call = relay.invoke('accounts.list', {});
    relay.receive({ type: 'response', id: sent[0]?.id ?? -1, result: { ok: true, value: 1 } });
    await call;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers every waiting call when the core goes away', async () => {
    const relay = relayWith();
    const calls = [relay.invoke('accounts.list', {}), relay.invoke('tags.list', {})];
    relay.failAll('UNAVAILABLE', 'gone');
    expect(await Promise.all(calls)).toEqual([
      { ok: false, error: { code: 'UNAVAILABLE', message: 'gone' } },
      { ok: false, error: { code: 'UNAVAILABLE', message: 'gone' } },
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers UNAVAILABLE at once when the request cannot be sent', async () => {
    const relay = createRequestRelay({
      send: () => {
        throw new Error('port closed');
      },
      timeoutFor: () => 1000,
    });
    expect(await relay.invoke('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(relay.pendingCount).toBe(0);
  });
});
