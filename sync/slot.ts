import type { CloudConfig, SyncService } from './service';

/**
 * The journal's sync service for the connection in effect. A new connection (entered in
 * Settings, or removed) stops the old service before the new one starts, so two services
 * never sync the same journal at once.
 */
export class SyncSlot {
  config: CloudConfig | null;
  service: SyncService | null;
  private turn: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly make: (config: CloudConfig) => SyncService,
    config: CloudConfig | null,
    private readonly run: boolean,
  ) {
    this.config = config;
    this.service = config ? make(config) : null;
    if (run) this.service?.start();
  }

  /** Swap to `config` (null: no cloud). Resolves once the old service stopped and the new one started. */
  replace(config: CloudConfig | null): Promise<void> {
    const next = async (): Promise<void> => {
      if (this.closed) return;
      const old = this.service;
      this.config = config;
      this.service = config ? this.make(config) : null;
      await old?.stop();
      if (this.run && !this.closed) this.service?.start();
    };
    this.turn = this.turn.then(next, next);
    return this.turn;
  }

  /** Stop for good (the journal closes). */
  close(): Promise<void> {
    this.closed = true;
    return this.service?.stop() ?? Promise.resolve();
  }
}
