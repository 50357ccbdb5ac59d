import { z } from 'zod';
import type { AppStatus, Settings } from '../domain/types';
import { currency, positiveDecimal, timeZone } from './common';
import { method } from './define';

const fxRates = z
  .record(currency, positiveDecimal)
  .refine((rates) => Object.keys(rates).length <= 100, 'can hold at most 100 currencies');

export const settingsPatch = z
  .object({ baseCurrency: currency, displayTimeZone: timeZone, theme: z.enum(['light', 'dark', 'system']), fxRates })
  .partial()
  .strict();

export type DemoSummary = { accounts: number; trades: number; executions: number; journalEntries: number };

export const appContract = {
  'app.status': method<AppStatus>()(z.object({}).strict()),
  'settings.get': method<Settings>()(z.object({}).strict()),
  'settings.update': method<Settings>()(z.object({ patch: settingsPatch }).strict()),
  /** Fills an empty journal with a realistic, deterministic demo. Refused when the journal has trades. */
  'demo.load': method<DemoSummary>()(
    z
      .object({
        trades: z.number().int().min(1).max(200_000).default(400),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .default(1),
      })
      .strict(),
  ),
};
