import { z } from 'zod';
import { weekOf } from '../domain/coach/weekly';
import type { Citation, Insight } from '../domain/coach/types';
import { day, id } from './common';
import { method } from './define';

/** Which coach answered: the local one always works offline; Gemini when a key is set and it answers. */
export type CoachProviderName = 'local' | 'gemini';

/** One answer of the coach; `answer` is markdown whose trade links read `[label](trade:<id>)`. */
export type CoachReply = {
  provider: CoachProviderName;
  /** The remote model that wrote the answer (Gemini only). */
  model?: string;
  /** Why the local coach answered although Gemini was chosen (no key, timeout, rate limit…). */
  fallbackReason?: string;
  conversationId: string;
  messageId: string;
  answer: string;
  insights: Insight[];
  citations: Citation[];
};

/** A stored message of a conversation with the coach. */
export type CoachMessage = {
  id: string;
  conversationId: string;
  role: 'user' | 'coach';
  mode: CoachMode;
  content: string;
  citations: Citation[];
  provider: CoachProviderName | null;
  createdAt: number;
};

export const coachModes = ['trade', 'week', 'chat'] as const;
export type CoachMode = (typeof coachModes)[number];

const existingDay = day.refine((d) => {
  try {
    weekOf(d);
    return true;
  } catch {
    return false;
  }
}, 'is not a date on the calendar');

/** What to ask: review one trade, review the week holding a date, or a free question. */
const askInput = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('trade'), tradeId: id, conversationId: id.optional() }).strict(),
  z.object({ mode: z.literal('week'), date: existingDay, conversationId: id.optional() }).strict(),
  z
    .object({
      mode: z.literal('chat'),
      question: z.string().trim().min(1, 'is required').max(2000),
      conversationId: id.optional(),
    })
    .strict(),
]);

export type CoachAsk = z.infer<typeof askInput>;

export const coachContract = {
  /** Ask the coach; the question and the answer are stored in the conversation (a new one without an id). */
  'coach.ask': method<CoachReply>()(askInput),
  /** Messages oldest first: one conversation's, or the latest across all when no id is given. */
  'coach.history': method<CoachMessage[]>()(
    z.object({ conversationId: id.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
  ),
};
