import { net, powerMonitor } from 'electron';
import type { Result } from '../../shared/contract';

export type NetworkWatchOptions = {
  /** Tell the core (`sync.reconnected` through the supervisor's relay). */
  reconnected(): Promise<Result<unknown>>;
  /** How often to look at the network (default 10 s). */
  pollMs?: number;
  log?(message: string): void;
};

/** Default poll: a dropped Wi-Fi is noticed within 10 s; checking is a cheap in-process read. */
export const NETWORK_POLL_MS = 10_000;

/**
 * Tells the core when the machine wakes up or unlocks and when the network comes back, so
 * sync runs at once instead of waiting out its backoff. The network is read with
 * `net.isOnline()` in main, polled: the renderer's `online` event reads the same Chromium
 * signal but needs a window (there is none on macOS after closing it) and an extra IPC
 * channel, and main has no "online" event of its own. Only an offline → online change
 * counts; a false "online" costs one sync attempt. Returns a function that stops watching.
 */
export function watchNetwork(options: NetworkWatchOptions): () => void {
  const notify = (why: string): void => {
    void options.reconnected().then((result) => {
      if (!result.ok) options.log?.(`sync.reconnected after ${why} was refused: ${result.error.message}`);
    });
  };
  const onResume = (): void => notify('resume');
  const onUnlock = (): void => notify('unlock-screen');
  powerMonitor.on('resume', onResume);
  powerMonitor.on('unlock-screen', onUnlock);

  let online = net.isOnline();
  const timer = setInterval(() => {
    const now = net.isOnline();
    if (now && !online) notify('network back');
    online = now;
  }, options.pollMs ?? NETWORK_POLL_MS);
  // Never keep the app alive just to watch the network.
  timer.unref();

  return () => {
    clearInterval(timer);
    powerMonitor.removeListener('resume', onResume);
    powerMonitor.removeListener('unlock-screen', onUnlock);
  };
}
