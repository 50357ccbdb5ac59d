import { hash } from 'node:crypto';
import type { ParsedExecution } from '../../../shared/import/types';

/**
 * The key that makes re-importing a file a no-op: the broker's own fill id when it gives
 * one, else a hash of the fill's content plus its occurrence number in the file, so two
 * genuinely identical fills in one file stay two while the same file imported twice
 * matches itself row for row.
 */
export class DedupeKeys {
  private readonly seen = new Map<string, number>();

  keyOf(e: ParsedExecution): string {
    if (e.brokerExecId) return `x:${e.brokerExecId}`;
    const content = [e.account ?? '', e.symbol, e.side, e.quantity, e.price, e.executedAt, e.orderId ?? ''].join('|');
    const digest = hash('sha256', content, 'base64url').slice(0, 32);
    const n = this.seen.get(digest) ?? 0;
    this.seen.set(digest, n + 1);
    return `h:${digest}:${n}`;
  }
}
