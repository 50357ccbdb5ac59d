import { z } from 'zod';
import type { JournalEntry } from '../domain/types';
import { day, id, labels } from './common';
import { method } from './define';

const entryFields = {
  title: z.string().max(300),
  body: z.string().max(500_000),
  mood: z.number().int().min(1).max(5).nullable(),
  emotions: labels,
  mistakes: labels,
  preMarket: z.string().max(100_000),
  postMarket: z.string().max(100_000),
};

export const journalContract = {
  'journal.list': method<JournalEntry[]>()(
    z
      .object({
        from: day.optional(),
        to: day.optional(),
        tradeId: id.optional(),
        kind: z.enum(['day', 'trade', 'note']).optional(),
      })
      .strict(),
  ),
  'journal.get': method<JournalEntry>()(z.object({ id }).strict()),
  'journal.create': method<JournalEntry>()(
    z
      .object({
        kind: z.enum(['day', 'trade', 'note']),
        day: day.nullable().default(null),
        tradeId: id.nullable().default(null),
        ...z.object(entryFields).partial().shape,
      })
      .strict()
      .refine((e) => e.kind !== 'day' || e.day !== null, { message: 'a day entry needs its day', path: ['day'] })
      .refine((e) => e.kind !== 'trade' || e.tradeId !== null, {
        message: 'a trade entry needs its trade',
        path: ['tradeId'],
      }),
  ),
  'journal.update': method<JournalEntry>()(z.object({ id, patch: z.object(entryFields).partial().strict() }).strict()),
  'journal.delete': method<{ id: string }>()(z.object({ id }).strict()),
};
