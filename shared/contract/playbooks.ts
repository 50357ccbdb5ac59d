import { z } from 'zod';
import type { Playbook, PlaybookAdherence } from '../domain/types';
import { id } from './common';
import { method } from './define';

const rule = z.object({ id: z.string().min(1).max(64), text: z.string().trim().min(1).max(500) }).strict();
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #3366ff');

const playbookFields = {
  name: z.string().trim().min(1, 'is required').max(120),
  description: z.string().max(20_000),
  rules: z.array(rule).max(100),
  color: color.nullable(),
  archived: z.boolean(),
};

export const playbooksContract = {
  'playbooks.list': method<Playbook[]>()(z.object({ includeArchived: z.boolean().default(false) }).strict()),
  'playbooks.get': method<Playbook>()(z.object({ id }).strict()),
  'playbooks.create': method<Playbook>()(
    z
      .object({
        name: playbookFields.name,
        description: playbookFields.description.default(''),
        rules: playbookFields.rules.default([]),
        color: playbookFields.color.default(null),
      })
      .strict(),
  ),
  'playbooks.update': method<Playbook>()(z.object({ id, patch: z.object(playbookFields).partial().strict() }).strict()),
  'playbooks.delete': method<{ id: string }>()(z.object({ id }).strict()),
  /** Per playbook with rules: how many closed trades kept all of them, and how those trades did. */
  'playbooks.adherence': method<PlaybookAdherence[]>()(z.object({}).strict()),
};

export const colorSchema = color;
