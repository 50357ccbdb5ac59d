import type { CoachReply } from '../../../../shared/contract';
import type { AiStatus } from '../../../../shared/contract/ai';

/**
 * Who answers, in the Coach page's header: after an answer, who wrote it (and why the local
 * coach did); before one, who will, from the AI status.
 */
export function providerLine(
  status: Pick<AiStatus, 'activeProvider' | 'model' | 'reason'> | undefined,
  last: Pick<CoachReply, 'provider' | 'model' | 'fallbackReason'> | null,
): string {
  if (last) {
    if (last.provider === 'gemini') return `Gemini (${last.model ?? 'unknown model'})`;
    return `Local coach — ${last.fallbackReason ?? 'works offline'}`;
  }
  if (status?.activeProvider === 'gemini') return `Gemini (${status.model}) — the local coach answers if it fails`;
  return `Local coach — ${status?.reason ?? 'works offline'}`;
}
