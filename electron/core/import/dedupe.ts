import { hash } from 'node:crypto';
import type { ParsedExecution } from '../../../shared/import/types';

/**
 * The key that makes re-importing a file a no-op: the broker's own fill id when it gives
 * one (`x:<id>`), else a hash of the fill's content plus its occurrence number in the file
 * (`h:<digest>:<n>`), so two genuinely identical fills in one file stay two while the same
 * file imported twice matches itself row for row. Journals hold these keys: their format
 * must never change (dedupe.test.ts pins it).
 *
 * The occurrence number is counted by the stage (stage.ts), which already indexes every
 * staged key; no per-row map of digests is kept, which for a 2M-row file was ~250 MB.
 */
export function brokerKey(e: ParsedExecution): string | null {
  return e.brokerExecId ? `x:${e.brokerExecId}` : null;
}

/** 32 base64url characters of sha256 over the fill's identifying content. */
export function contentDigest(e: ParsedExecution): string {
  const content = [e.account ?? '', e.symbol, e.side, e.quantity, e.price, e.executedAt, e.orderId ?? ''].join('|');
  return hash('sha256', content, 'base64url').slice(0, 32);
}

/** The key of the `n`th (from 0) fill with this content in its file. */
export function contentKey(digest: string, n: number): string {
  return `h:${digest}:${n}`;
}

/** Bounds of every `contentKey(digest, n)` in text order: "h:<digest>:" ≤ key < "h:<digest>;". */
export function contentKeyRange(digest: string): [from: string, to: string] {
  return [`h:${digest}:`, `h:${digest};`];
}
