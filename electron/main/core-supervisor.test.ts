import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppStatus } from '../../shared/domain/types';
import { createCoreSupervisor, RESTART_NOTICE, type CoreConnection, type CoreProblem } from './core-supervisor';
import type { EventMessage, MainToWorker, RequestMessage } from './protocol';

type FakeWorker = {
  connection: CoreConnection;
  sent: MainToWorker[];
  killed: boolean;
  reply(message: unknown): void;
  exit(code: number): void;
  lastRequest(): RequestMessage;
};

function fakeWorker(): FakeWorker {
  let onMessage: (message: unknown) => void = () => {};
  let onExit: (code: number) => void = () => {};
  const worker: FakeWorker = {
    sent: [],
    killed: false,
    connection: {
      send: (message) => worker.sent.push(message),
      onMessage: (listener) => (onMessage = listener),
      onExit: (listener) => (onExit = listener),
      kill: () => {
        worker.killed = true;
      },
    },
    reply: (message) => onMessage(message),
    exit: (code) => onExit(code),
    lastRequest: () => {
      const last = worker.sent.filter((m): m is RequestMessage => m.type === 'request').at(-1);
      if (!last) throw new Error('no request sent');
      return last;
    },
  };
  return worker;
}

const status = { version: '0.1.0', sync: { state: 'not-configured', lastSyncedAt: null, message: null } } as AppStatus;

describe('core supervisor', () => {
  let workers: FakeWorker[];
  let events: EventMessage[];
  let problems: CoreProblem[];
  const supervisor = () =>
    createCoreSupervisor({
      spawn: () => {
        const worker = fakeWorker();
        workers.push(worker);
        return worker.connection;
      },
      timeoutFor: () => 30_000,
      onEvent: (message) => events.push(message),
      onProblem: (problem) => problems.push(problem),
    });
  const worker = (index: number): FakeWorker => {
    const found = workers[index];
    if (!found) throw new Error(`worker ${index} was not started`);
    return found;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    events = [];
    problems = [];
  });
  afterEach(() => vi.useRealTimers());

  it('relays calls to the worker and forwards its events', async () => {
    const core = supervisor();
    core.start();
    const call = core.invoke('accounts.list', {});
    const request = worker(0).lastRequest();
    expect(request).toMatchObject({ method: 'accounts.list', input: {} });
    worker(0).reply({ type: 'response', id: request.id, result: { ok: true, value: [] } });
    expect(await call).toEqual({ ok: true, value: [] });
    worker(0).reply({ type: 'event', event: 'journal.changed', payload: { entities: ['trades'] } });
    worker(0).reply({ type: 'event', event: 'not-an-event', payload: {} });
    expect(events).toEqual([{ type: 'event', event: 'journal.changed', payload: { entities: ['trades'] } }]);
  });

  it('restarts a crashed worker once and shows the restart in the status', async () => {
    const core = supervisor();
    core.start();
    const interrupted = core.invoke('trades.list', {});
    worker(0).exit(1);
    expect(await interrupted).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(workers).toHaveLength(2);
    expect(problems).toEqual([{ kind: 'restarted', exitCode: 1 }]);

    const statusRequest = worker(1).lastRequest();
    expect(statusRequest.method).toBe('app.status');
    worker(1).reply({ type: 'response', id: statusRequest.id, result: { ok: true, value: status } });
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({
      event: 'status',
      payload: { version: '0.1.0', sync: { state: 'error', message: RESTART_NOTICE } },
    });
  });

  it('does not restart a second time; calls then say the engine stopped', async () => {
    const core = supervisor();
    core.start();
    worker(0).exit(1);
    worker(1).exit(1);
    expect(workers).toHaveLength(2);
    expect(problems.at(-1)).toEqual({ kind: 'stopped', exitCode: 1 });
    const answer = await core.invoke('accounts.list', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(answer.ok ? '' : answer.error.message).toContain('could not be restarted');
  });

  it('does not restart a worker that could not open the journal, and passes its reason on', async () => {
    const core = supervisor();
    core.start();
    worker(0).reply({ type: 'fatal', code: 'SCHEMA_TOO_NEW', message: 'Newer journal.' });
    worker(0).exit(1);
    expect(workers).toHaveLength(1);
    expect(problems.map((p) => p.kind)).toEqual(['fatal']);
    expect(await core.invoke('accounts.list', {})).toEqual({
      ok: false,
      error: { code: 'SCHEMA_TOO_NEW', message: 'Newer journal.' },
    });
  });

  it('on quit, asks the worker to close, waits for it, then stops it', async () => {
    const core = supervisor();
    core.start();
    let done = false;
    const shutdown = core.shutdown().then(() => (done = true));
    expect(worker(0).sent.at(-1)).toEqual({ type: 'shutdown' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(false);
    worker(0).reply({ type: 'closed' });
    await shutdown;
    expect(worker(0).killed).toBe(true);
    expect(workers).toHaveLength(1);
    expect(await core.invoke('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('stops a worker that does not close within 5 seconds', async () => {
    const core = supervisor();
    core.start();
    const shutdown = core.shutdown();
    expect(core.shutdown()).toBe(shutdown);
    await vi.advanceTimersByTimeAsync(4999);
    expect(worker(0).killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await shutdown;
    expect(worker(0).killed).toBe(true);
  });

  it('does not restart the worker when it exits during quit', async () => {
    const core = supervisor();
    core.start();
    const shutdown = core.shutdown();
    worker(0).exit(0);
    await shutdown;
    expect(workers).toHaveLength(1);
    expect(problems).toEqual([]);
    expect(worker(0).killed).toBe(false);
  });
});
