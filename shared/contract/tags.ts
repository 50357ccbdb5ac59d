import { z } from 'zod';
import type { Tag } from '../domain/types';
import { id } from './common';
import { method } from './define';
import { colorSchema } from './playbooks';

const name = z.string().trim().min(1, 'is required').max(60);

export const tagsContract = {
  'tags.list': method<Tag[]>()(z.object({}).strict()),
  'tags.create': method<Tag>()(z.object({ name, color: colorSchema.nullable().default(null) }).strict()),
  'tags.update': method<Tag>()(
    z.object({ id, patch: z.object({ name, color: colorSchema.nullable() }).partial().strict() }).strict(),
  ),
  'tags.delete': method<{ id: string }>()(z.object({ id }).strict()),
};
