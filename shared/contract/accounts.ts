import { z } from 'zod';
import type { Account } from '../domain/types';
import { currency, id, timeZone } from './common';
import { method } from './define';

const accountFields = {
  name: z.string().trim().min(1, 'is required').max(100),
  broker: z.string().trim().max(100).nullable(),
  currency,
  timeZone: timeZone.nullable(),
};

export const accountsContract = {
  'accounts.list': method<Account[]>()(z.object({}).strict()),
  'accounts.create': method<Account>()(
    z
      .object({
        name: accountFields.name,
        broker: accountFields.broker.default(null),
        currency: accountFields.currency.default('USD'),
        timeZone: accountFields.timeZone.default(null),
      })
      .strict(),
  ),
  'accounts.update': method<Account>()(z.object({ id, patch: z.object(accountFields).partial().strict() }).strict()),
  /**
   * Deletes the account (tombstones, so other devices follow). One with trades is refused
   * (CONFLICT) unless `withTrades` says to delete its trades and fills too; never orphaned.
   */
  'accounts.delete': method<{ id: string; trades: number }>()(
    z.object({ id, withTrades: z.boolean().default(false) }).strict(),
  ),
};
