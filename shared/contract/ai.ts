import { z } from 'zod';
import { method } from './define';

/** auto: Gemini when a key is set, else (or on any failure) the local coach; local: never go online. */
export const aiProviderChoices = ['auto', 'local'] as const;
export type AiProviderChoice = (typeof aiProviderChoices)[number];

/** The coach's AI settings; the API key is never part of them (it lives in the key store). */
export type AiSettings = {
  provider: AiProviderChoice;
  /** Gemini model for answers, e.g. gemini-2.5-flash. */
  model: string;
  /** Gemini REST base URL; null means Google's. TPJ_GEMINI_BASE_URL overrides it. */
  baseUrl: string | null;
};

/** What the coach would use now; `keySet` is all anyone outside the core learns about the key. */
export type AiStatus = AiSettings & {
  keySet: boolean;
  /** The base URL in effect (env override, setting or Google's). */
  effectiveBaseUrl: string;
  /** Who answers the next question, and why not Gemini when not. */
  activeProvider: 'gemini' | 'local';
  reason: string | null;
};

/** One reachability probe of the Gemini endpoint with the stored key. */
export type AiTestResult = { keySet: boolean; reachable: boolean; latencyMs: number | null; error: string | null };

const model = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, 'must be a model name like gemini-2.5-flash');
const baseUrl = z
  .string()
  .trim()
  .url('must be a URL like https://generativelanguage.googleapis.com')
  // The API key travels with every request: plain http only to this machine (a local proxy or test double).
  .refine(
    (u) => /^https:\/\//i.test(u) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i.test(u),
    'must start with https:// (http:// only for localhost)',
  )
  .nullable();

export const aiSettingsPatch = z
  .object({ provider: z.enum(aiProviderChoices), model, baseUrl })
  .partial()
  .strict();

const empty = z.object({}).strict();

export const aiContract = {
  'ai.settings.get': method<AiSettings>()(empty),
  'ai.settings.update': method<AiSettings>()(z.object({ patch: aiSettingsPatch }).strict()),
  /** Which coach answers now and whether a key is set (never the key). */
  'ai.status': method<AiStatus>()(empty),
  /** Ask the Gemini endpoint whether the model is there, timing the round trip. */
  'ai.test': method<AiTestResult>()(empty),
};
