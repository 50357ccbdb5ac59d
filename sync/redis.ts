import type { Redis } from 'ioredis';

export type NudgeOptions = {
  url: string;
  workspaceId: string;
  deviceId: string;
  /** Prepended to channel and key names (tests give each run its own). */
  prefix?: string | undefined;
  onNudge: (fromDevice: string) => void;
  onError?: (error: Error) => void;
};

/**
 * Redis pub/sub per workspace: after a push a device publishes its id, and every other
 * device pulls at once instead of waiting for its timer. Redis is an accelerator, never
 * a dependency: when it is down, sync still runs on its timer and on local changes.
 */
export class Nudger {
  private publisher: Redis | undefined;
  private subscriber: Redis | undefined;
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
    nudger.publisher = new Redis(options.url, common);
    nudger.subscriber = new Redis(options.url, { ...common, enableOfflineQueue: true, maxRetriesPerRequest: null });
    const report = (error: Error) => options.onError?.(error);
    nudger.publisher.on('error', report);
    nudger.subscriber.on('error', report);
    nudger.subscriber.on('message', (channel: string, message: string) => {
      if (channel === nudger.channel && message !== options.deviceId) options.onNudge(message);
    });
    // Resubscribes by itself after a reconnect (ioredis autoResubscribe).
    await Promise.all([nudger.publisher.connect(), nudger.subscriber.connect()]).catch(report);
    // With Redis down the subscription waits for the reconnect; sync does not wait for it.
    const subscribed = nudger.subscriber.subscribe(nudger.channel).catch(report);
    await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
    return nudger;
  }

  /** Tell the other devices there is something to pull; failures are reported, not thrown. */
  async publish(): Promise<void> {
    try {
      await this.publisher?.publish(this.channel, this.options.deviceId);
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
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }
}
