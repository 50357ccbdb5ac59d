import type { Redis } from 'ioredis';
import { ConnectionEpisode, type ConnectionLog } from './connection-log';

export type NudgeOptions = {
  url: string;
  workspaceId: string;
  deviceId: string;
  /** Prepended to channel and key names (tests give each run its own). */
  prefix?: string | undefined;
  onNudge: (fromDevice: string) => void;
  onError?: (error: Error) => void;
  /** Told once per episode when a connection drops (killed by the server, network cut). */
  onConnectionLost?: ConnectionLog | undefined;
};

/**
 * Redis pub/sub per workspace: after a push a device publishes its id, and every other
 * device pulls at once instead of waiting for its timer. Redis is an accelerator, never
 * a dependency: when it is down, sync still runs on its timer and on local changes.
 */
export class Nudger {
  private publisher: Redis | undefined;
  private subscriber: Redis | undefined;
  private closing = false;
  readonly channel: string;

  private constructor(private readonly options: NudgeOptions) {
    this.channel = `${options.prefix ?? ''}tpj:workspace:${options.workspaceId}:changes`;
  }

  static async start(options: NudgeOptions): Promise<Nudger> {
    const nudger = new Nudger(options);
    const { Redis } = await import('ioredis');
    const common = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 3_000,
      // Keep trying in the background, at most every 10 s.
      retryStrategy: (times: number) => Math.min(10_000, 200 * 2 ** Math.min(times, 6)),
    };
    // Named, so `CLIENT LIST` on a shared Redis tells which device holds which connection.
    nudger.publisher = new Redis(options.url, { ...common, connectionName: `tpj-pub-${options.deviceId}` });
    nudger.subscriber = new Redis(options.url, {
      ...common,
      connectionName: `tpj-sub-${options.deviceId}`,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    const report = (error: Error) => options.onError?.(error);
    // Both clients share one episode: a cut or a server restart drops them together.
    const episode = new ConnectionEpisode('redis', options.onConnectionLost);
    const clients = [nudger.publisher, nudger.subscriber];
    for (const client of clients) {
      client.on('error', (error: Error) => episode.lost(error));
      // A server that closes the connection (CLIENT KILL, idle timeout, restart) emits no
      // 'error', only 'close' before ioredis reconnects.
      client.on('close', () => {
        if (!nudger.closing) episode.lost(new Error('Redis closed the connection; reconnecting'));
      });
      client.on('ready', () => {
        if (clients.every((c) => c.status === 'ready')) episode.recovered();
      });
    }
    nudger.subscriber.on('message', (channel: string, message: string) => {
      if (channel === nudger.channel && message !== options.deviceId) options.onNudge(message);
    });
    // Resubscribes by itself after a reconnect (ioredis autoResubscribe).
    // A failed connect also emits 'error', which the episode above logs.
    await Promise.all([nudger.publisher.connect(), nudger.subscriber.connect()]).catch(() => undefined);
    // With Redis down the subscription waits for the reconnect; sync does not wait for it.
    const subscribed = nudger.subscriber.subscribe(nudger.channel).catch(report);
    await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
    return nudger;
  }

  /** Tell the other devices there is something to pull; failures are reported, not thrown. */
  async publish(): Promise<void> {
    const publisher = this.publisher;
    if (!publisher) return;
    try {
      // Reconnecting after a drop: the nudge would fail at once (no offline queue, so pushes
      // never pile up while Redis is down). Wait a little for the reconnect instead of losing it.
      if (publisher.status !== 'ready') await readyWithin(publisher, PUBLISH_WAIT_MS);
      await publisher.publish(this.channel, this.options.deviceId);
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }

  async ping(): Promise<{ latencyMs: number; version: string }> {
    const started = performance.now();
    const publisher = this.publisher!;
    await publisher.ping();
    const latencyMs = performance.now() - started;
    const info = await publisher.info('server');
    return { latencyMs, version: /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown' };
  }

  close(): void {
    this.closing = true;
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }
}

/** How long a nudge waits for a reconnecting publisher before giving up (the timer still syncs). */
const PUBLISH_WAIT_MS = 2_000;

function readyWithin(client: Redis, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref?.();
    client.once('ready', done);
  });
}
