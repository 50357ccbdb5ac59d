import { afterEach, describe, expect, it, vi } from 'vitest';
import { methodNames, type MethodName, type Result } from '../../shared/contract';
import { invokeChannel } from './channels';
import { registerContract, type CallRelay } from './register-contract';
import { createRequestRelay } from './request-relay';
import { createFakeIpcMain } from './test-fakes';

type FakeEvent = { trusted: boolean };
const trusted: FakeEvent = { trusted: true };
const stranger: FakeEvent = { trusted: false };

function setup(relay: CallRelay) {
  const fake = createFakeIpcMain<FakeEvent>();
  const dispose = registerContract(fake.ipcMain, relay, (event) => event.trusted);
  return { ...fake, dispose };
}

function recordingRelay(answer: Result<unknown> = { ok: true, value: 'from core' }) {
  const calls: { method: MethodName; input: unknown }[] = [];
  const relay: CallRelay = {
    invoke: (method, input) => {
      calls.push({ method, input });
      return Promise.resolve(answer);
    },
  };
  return { relay, calls };
}

describe('registerContract', () => {
  afterEach(() => vi.useRealTimers());

  it('registers one handler per contract method, and removes them all on dispose', () => {
    const { handlers, dispose } = setup(recordingRelay().relay);
    expect([...handlers.keys()].sort()).toEqual(methodNames.map((m) => `tpj:${m}`).sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('refuses a call from an untrusted sender without reaching the core', async () => {
    const { relay, calls } = recordingRelay();
    const { call } = setup(relay);
    const result = await call(invokeChannel('accounts.list'), stranger, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(calls).toEqual([]);
  });

  it('answers invalid input with the wrong fields, without reaching the core', async () => {
    const { relay, calls } = recordingRelay();
    const { call } = setup(relay);
    const result = await call(invokeChannel('accounts.create'), trusted, { name: 42 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.fields?.map((f) => f.path)).toContain('name');
    expect(calls).toEqual([]);
  });

  it('relays valid input to the core and returns its answer', async () => {
    const { relay, calls } = recordingRelay({ ok: true, value: [{ id: 'a1', name: 'Main' }] });
    const { call } = setup(relay);
    const result = await call(invokeChannel('accounts.list'), trusted, {});
    expect(result).toEqual({ ok: true, value: [{ id: 'a1', name: 'Main' }] });
    expect(calls).toEqual([{ method: 'accounts.list', input: {} }]);
  });

  it('passes the core’s error values through unchanged', async () => {
    const notFound: Result<unknown> = { ok: false, error: { code: 'NOT_FOUND', message: 'No such trade.' } };
    const { call } = setup(recordingRelay(notFound).relay);
    expect(await call(invokeChannel('accounts.list'), trusted, {})).toEqual(notFound);
  });

  it('answers UNAVAILABLE when the core does not answer in time', async () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const relay = createRequestRelay({ send: (request) => sent.push(request), timeoutFor: () => 1000 });
    const { call } = setup(relay);
    const pending = call(invokeChannel('accounts.list'), trusted, {});
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('turns a relay that throws into an INTERNAL error value, never a rejection', async () => {
    const { call } = setup({ invoke: () => Promise.reject(new Error('boom')) });
    expect(await call(invokeChannel('accounts.list'), trusted, {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});
