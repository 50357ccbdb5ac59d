import type { CoachAsk, CoachMessage, CoachReply, ParsedInput } from '../../../shared/contract';
import type { CoachMode, CoachProviderName as ProviderName } from '../../../shared/contract/coach';
import type { Citation } from '../../../shared/domain/coach';
import type { SettingsService } from '../journal/settings';
import { newId, type Store } from '../journal/store';
import { localCoach, questionText, type CoachProvider } from './provider';
import { readCoachJournal } from './read-journal';

type MessageRow = {
  id: string;
  conversation_id: string;
  role: 'user' | 'coach';
  mode: CoachMode;
  content: string;
  citations: string;
  provider: ProviderName | null;
  created_at: number;
};

/** The coach's handlers: ask a provider, keep the conversation in coach_messages. */
export class CoachService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly now: () => number = Date.now,
    private readonly provider: CoachProvider = localCoach,
  ) {}

  /** Answer, then store the question and the answer together (a failed answer stores nothing). */
  async ask(ask: CoachAsk): Promise<CoachReply> {
    const journal = readCoachJournal(this.store.db, this.settings.get());
    const {
      provider = this.provider.name,
      model,
      fallbackReason,
      ...answer
    } = await this.provider.answer(ask, journal);
    const conversationId = ask.conversationId ?? newId();
    const messageId = newId();
    const at = this.now();
    const tradeCitations: Citation[] = ask.mode === 'trade' ? [{ kind: 'trade', id: ask.tradeId }] : [];
    this.store.mutate((w) => {
      w.insert('coach_messages', {
        id: newId(),
        conversation_id: conversationId,
        role: 'user',
        mode: ask.mode,
        content: questionText(ask, journal),
        citations: JSON.stringify(tradeCitations),
        provider: null,
        created_at: at,
      });
      w.insert('coach_messages', {
        id: messageId,
        conversation_id: conversationId,
        role: 'coach',
        mode: ask.mode,
        content: answer.answer,
        citations: JSON.stringify(answer.citations),
        provider,
        // One ms later so the answer always sorts after its question.
        created_at: at + 1,
      });
    });
    return {
      provider,
      ...(model === undefined ? {} : { model }),
      ...(fallbackReason === undefined ? {} : { fallbackReason }),
      conversationId,
      messageId,
      ...answer,
    };
  }

  /** The latest `limit` messages, oldest first. */
  history({ conversationId, limit }: ParsedInput<'coach.history'>): CoachMessage[] {
    const where = conversationId === undefined ? '' : 'AND conversation_id = ?';
    const rows = this.store.db
      .prepare(
        `SELECT id, conversation_id, role, mode, content, citations, provider, created_at FROM coach_messages
         WHERE deleted_hlc IS NULL AND role IN ('user', 'coach') ${where}
         ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .all(...(conversationId === undefined ? [] : [conversationId]), limit) as MessageRow[];
    return rows.reverse().map((r) => ({
      id: r.id,
      conversationId: r.conversation_id,
      role: r.role,
      mode: r.mode,
      content: r.content,
      citations: citationList(r.citations),
      provider: r.provider,
      createdAt: r.created_at,
    }));
  }
}

/** Citations as stored; anything malformed (from another device's bug) reads as none. */
function citationList(text: string): Citation[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.flatMap((c: unknown) =>
      typeof c === 'object' && c !== null && 'id' in c && typeof c.id === 'string'
        ? [{ kind: 'trade' as const, id: c.id }]
        : [],
    );
  } catch {
    return [];
  }
}
