/**
 * A lost connection to the cloud (the server killed an idle connection, the network cut)
 * arrives as an 'error' event on a pg Pool / Client or an ioredis client. Unheard, Node
 * would crash the core on it; heard, it must say once that the link dropped, not once per
 * pooled connection or per reconnect attempt, and never with a password in it.
 */

/** What a log line may carry of a connection error: its code and a message without credentials. */
export type ConnectionErrorSummary = { code?: string; message: string };

/** `scheme://user:secret@host` → `scheme://[redacted]@host`, wherever a URL appears in `text`. */
export function stripCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1[redacted]@');
}

/**
 * Only code and message: ioredis errors can carry the failed command with its arguments
 * (an AUTH password among them), so the error object itself is never handed to the logger.
 */
export function summarizeConnectionError(error: unknown): ConnectionErrorSummary {
  const e = error as { code?: unknown; message?: unknown } | null;
  const message = stripCredentials(typeof e?.message === 'string' ? e.message : String(error));
  return typeof e?.code === 'string' ? { code: e.code, message } : { message };
}

export type ConnectionLog = (service: 'postgres' | 'redis', error: ConnectionErrorSummary) => void;

/**
 * One log line per episode: the first error after the link was last known good is written,
 * the rest (other pooled connections dying with it, reconnect attempts) are not, until
 * `recovered` says a connection works again.
 */
export class ConnectionEpisode {
  private down = false;

  constructor(
    private readonly service: 'postgres' | 'redis',
    private readonly log: ConnectionLog | undefined,
  ) {}

  lost(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.log?.(this.service, summarizeConnectionError(error));
  }

  recovered(): void {
    this.down = false;
  }
}
