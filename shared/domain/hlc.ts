/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter and
 * the node id, serialised so that string order equals causal/time order.
 * Format: 15-digit ms, '-', 6-digit counter, '-', node id. Example:
 *   001732384800000-000000-9f2c1a7b0e4d5c36
 */

const MS_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

/** Largest distance a remote clock may run ahead of ours before we refuse it (ms). */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

export type HlcTimestamp = { ms: number; counter: number; node: string };

/** A remote timestamp was too far ahead of the local clock to accept. */
export class ClockDriftError extends Error {
  constructor(readonly driftMs: number) {
    super(`Another device's clock is ${Math.round(driftMs / 1000)} s ahead of this one; check the system time.`);
    this.name = 'ClockDriftError';
  }
}

/** Serialise a timestamp; string comparison of results orders them like (ms, counter, node). */
export function formatHlc(t: HlcTimestamp): string {
  return `${String(t.ms).padStart(MS_DIGITS, '0')}-${String(t.counter).padStart(COUNTER_DIGITS, '0')}-${t.node}`;
}

const HLC_PATTERN = /^(\d{15})-(\d{6})-([0-9a-z]{1,32})$/;

/** Parse a serialised timestamp; throws on malformed input. */
export function parseHlc(text: string): HlcTimestamp {
  const m = HLC_PATTERN.exec(text);
  if (!m) throw new Error(`Malformed HLC timestamp: ${JSON.stringify(text)}`);
  return { ms: Number(m[1]), counter: Number(m[2]), node: m[3] ?? '' };
}

/** Compare two serialised timestamps. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A clock for one device. Not shared between devices; every device has its own node id. */
export class HybridLogicalClock {
  private last: HlcTimestamp;

  constructor(
    readonly node: string,
    private readonly physicalNow: () => number = Date.now,
    private readonly maxDriftMs = DEFAULT_MAX_DRIFT_MS,
    seed?: string,
  ) {
    if (!/^[0-9a-z]{1,32}$/.test(node)) throw new Error(`Invalid HLC node id: ${node}`);
    this.last = seed ? { ...parseHlc(seed), node } : { ms: 0, counter: 0, node };
  }

  /** A timestamp for a local event, greater than every timestamp this clock issued or saw. */
  now(): string {
    const wall = this.physicalNow();
    if (wall > this.last.ms) this.last = { ms: wall, counter: 0, node: this.node };
    else this.last = this.bump(this.last.ms, this.last.counter);
    return formatHlc(this.last);
  }

  /** Merge a timestamp seen from another device; returns the local timestamp for the receive event. */
  receive(remoteText: string): string {
    const remote = parseHlc(remoteText);
    const wall = this.physicalNow();
    if (remote.ms - wall > this.maxDriftMs) throw new ClockDriftError(remote.ms - wall);
    const ms = Math.max(wall, this.last.ms, remote.ms);
    if (ms === this.last.ms && ms === remote.ms) {
      this.last = this.bump(ms, Math.max(this.last.counter, remote.counter));
    } else if (ms === this.last.ms) {
      this.last = this.bump(ms, this.last.counter);
    } else if (ms === remote.ms) {
      this.last = this.bump(ms, remote.counter);
    } else {
      this.last = { ms, counter: 0, node: this.node };
    }
    return formatHlc(this.last);
  }

  /** The latest timestamp issued or seen, for persisting across restarts. */
  peek(): string {
    return formatHlc(this.last);
  }

  private bump(ms: number, counter: number): HlcTimestamp {
    // Counter overflow means >1M events in one millisecond: borrow the next millisecond.
    if (counter >= MAX_COUNTER) return { ms: ms + 1, counter: 0, node: this.node };
    return { ms, counter: counter + 1, node: this.node };
  }
}
