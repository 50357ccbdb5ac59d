import { z } from 'zod';
import type { Attachment } from '../domain/types';
import { id } from './common';
import { method } from './define';

/** Screenshots and other files; stored once per content hash. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export const attachmentsContract = {
  'attachments.list': method<Attachment[]>()(
    z.object({ tradeId: id.optional(), journalEntryId: id.optional() }).strict(),
  ),
  'attachments.add': method<Attachment>()(
    z
      .object({
        fileName: z.string().trim().min(1).max(255),
        mime: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type like image/png'),
        dataBase64: z
          .string()
          .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4, 'is larger than 25 MB')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
        tradeId: id.nullable().default(null),
        journalEntryId: id.nullable().default(null),
      })
      .strict(),
  ),
  'attachments.read': method<{ attachment: Attachment; dataBase64: string }>()(z.object({ id }).strict()),
  'attachments.delete': method<{ id: string }>()(z.object({ id }).strict()),
};
