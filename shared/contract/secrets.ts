import { z } from 'zod';
import { method } from './define';

/**
 * API keys and the cloud connection. Values only ever travel towards the core; every
 * answer says whether a secret is set and where it came from, never the secret itself.
 */

/** keychain: saved by the desktop app (Electron safeStorage); memory: this `tpj serve` process only; env: the environment. */
export type SecretSource = 'keychain' | 'memory' | 'env';

export type SecretStorageInfo = {
  /** Where a value entered here is kept. */
  kind: 'keychain' | 'memory';
  /** Whether entered values can be saved at all (the OS offers encryption). */
  available: boolean;
  /** Linux: the safeStorage backend (`gnome_libsecret`, `kwallet5`, `basic_text` …); null elsewhere. */
  backend: string | null;
  /** A warning or refusal reason to show beside the fields, in words for the trader. */
  message: string | null;
};

export type SecretsStatus = {
  storage: SecretStorageInfo;
  gemini: { set: boolean; source: SecretSource | null };
  cloud: {
    set: boolean;
    source: SecretSource | null;
    workspaceId: string | null;
    /** Addresses without credentials (see redactUrl). */
    postgres: string | null;
    redis: string | null;
    qdrant: string | null;
    qdrantApiKeySet: boolean;
  };
};

const secretText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .refine((v) => !/[\s]/.test(v), 'must not contain spaces or line breaks');
const optionalUrl = (schemes: RegExp, hint: string) =>
  z
    .string()
    .trim()
    .max(2048)
    .refine((v) => v === '' || schemes.test(v), hint)
    .optional();

/** A cloud connection as typed in Settings › Cloud sync. Empty optional fields mean "not used". */
export const cloudConnection = z
  .object({
    databaseUrl: z
      .string()
      .trim()
      .max(2048)
      .regex(/^postgres(ql)?:\/\/\S+$/i, 'must be a PostgreSQL URL like postgres://user:password@host:5432/db'),
    workspaceId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be letters, digits, dot, dash or underscore (up to 64)'),
    redisUrl: optionalUrl(/^rediss?:\/\/\S+$/i, 'must be a Redis URL like redis://host:6379'),
    qdrantUrl: optionalUrl(/^https?:\/\/\S+$/i, 'must be a URL like https://qdrant.example.com:6333'),
    qdrantApiKey: z.string().trim().max(512).optional(),
  })
  .strict();
export type CloudConnection = z.output<typeof cloudConnection>;

const empty = z.object({}).strict();

export const secretsContract = {
  /** Which secrets are set and where from; never their values. */
  'secrets.status': method<SecretsStatus>()(empty),
  /** Keep the Gemini API key (keychain in the app, memory under `tpj serve`). */
  'secrets.gemini.set': method<SecretsStatus>()(z.object({ apiKey: secretText(512) }).strict()),
  'secrets.gemini.remove': method<SecretsStatus>()(empty),
  /** Keep the cloud connection and restart sync with it. */
  'secrets.cloud.set': method<SecretsStatus>()(z.object({ connection: cloudConnection }).strict()),
  /** Forget the kept cloud connection; sync stops (the journal stays as it is). */
  'secrets.cloud.remove': method<SecretsStatus>()(empty),
};

/** Calls that carry or drop a secret: the desktop app's main process keeps them before the core hears them. */
export const secretWriteMethods = [
  'secrets.gemini.set',
  'secrets.gemini.remove',
  'secrets.cloud.set',
  'secrets.cloud.remove',
] as const;
export type SecretWriteMethod = (typeof secretWriteMethods)[number];
