import type { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/contract';

// Electron cannot run here: a power monitor that tests can fire, and a network switch.
const fake = vi.hoisted(() => ({ online: true, power: undefined as unknown as EventEmitter }));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  fake.power = new Emitter();
  return { powerMonitor: fake.power, net: { isOnline: () => fake.online } };
});

const { watchNetwork } = await import('./network-watch');

describe('network watch (electron main)', () => {
  let calls: number;
  let answer: Result<unknown>;
  const reconnected = () => {
    calls++;
    return Promise.resolve(answer);
  };

  beforeEach(() => {
    vi.useFakeTimers();
    calls = 0;
    answer = { ok: true, value: { ok: true } };
    fake.online = true;
  });
  afterEach(() => vi.useRealTimers());

  it('tells the core when the machine resumes or the screen unlocks', () => {
    const stop = watchNetwork({ reconnected });
    fake.power.emit('resume');
    fake.power.emit('unlock-screen');
    expect(calls).toBe(2);
    stop();
  });

  it('tells the core once when the network comes back, not while it stays up or down', () => {
    const stop = watchNetwork({ reconnected, pollMs: 1000 });
    vi.advanceTimersByTime(3000);
    expect(calls).toBe(0);
    fake.online = false;
    vi.advanceTimersByTime(3000);
    expect(calls).toBe(0);
    fake.online = true;
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(1);
    vi.advanceTimersByTime(5000);
    expect(calls).toBe(1);
    stop();
  });

  it('notices a network that was down when the app started', () => {
    fake.online = false;
    const stop = watchNetwork({ reconnected, pollMs: 1000 });
    fake.online = true;
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(1);
    stop();
  });

  it('stops listening and polling once disposed', () => {
    const stop = watchNetwork({ reconnected, pollMs: 1000 });
    stop();
    expect(fake.power.listenerCount('resume')).toBe(0);
    expect(fake.power.listenerCount('unlock-screen')).toBe(0);
    fake.power.emit('resume');
    fake.online = false;
    vi.advanceTimersByTime(1000);
    fake.online = true;
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(0);
  });

  it('logs a refusal from the core instead of dropping it silently', async () => {
    answer = { ok: false, error: { code: 'UNAVAILABLE', message: 'The journal is not open.' } };
    const logged: string[] = [];
    const stop = watchNetwork({ reconnected, log: (m) => logged.push(m) });
    fake.power.emit('resume');
    await vi.waitFor(() =>
      expect(logged).toEqual(['sync.reconnected after resume was refused: The journal is not open.']),
    );
    stop();
  });
});
