import type { ParsedInput } from '../../../shared/contract';
import { aiProviderChoices, type AiSettings } from '../../../shared/contract/ai';
import type { Store } from '../journal/store';
import { prepared } from '../db/prepared';

/** Google's endpoint, used when neither TPJ_GEMINI_BASE_URL nor the setting names another. */
export const googleBaseUrl = 'https://generativelanguage.googleapis.com';
export const defaultModel = 'gemini-2.5-flash';

/** Where the API key comes from: the OS keychain in the app, GEMINI_API_KEY for the CLI and serve. */
export type KeyStore = { getApiKey(): string | null | Promise<string | null> };

/** Reads GEMINI_API_KEY at each call, so a key exported later is picked up. */
export function envKeyStore(env: Readonly<Record<string, string | undefined>> = process.env): KeyStore {
  return { getApiKey: () => env.GEMINI_API_KEY?.trim() || null };
}

function defaults(): AiSettings {
  return { provider: 'auto', model: defaultModel, baseUrl: null };
}

/** The coach's AI settings, one synced row `ai` of the settings table (never the key). */
export class AiSettingsService {
  constructor(
    private readonly store: Store,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  get(): AiSettings {
    const value = prepared(this.store.db, `SELECT value FROM settings WHERE id = 'ai' AND deleted_hlc IS NULL`)
      .pluck()
      .get() as string | undefined;
    const settings = defaults();
    if (value === undefined) return settings;
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return settings;
    const p = parsed as Record<string, unknown>;
    if (aiProviderChoices.includes(p.provider as AiSettings['provider']))
      settings.provider = p.provider as AiSettings['provider'];
    if (typeof p.model === 'string' && p.model !== '') settings.model = p.model;
    if (typeof p.baseUrl === 'string' || p.baseUrl === null) settings.baseUrl = p.baseUrl;
    return settings;
  }

  update({ patch }: ParsedInput<'ai.settings.update'>): AiSettings {
    const next = { ...this.get() };
    if (patch.provider !== undefined) next.provider = patch.provider;
    if (patch.model !== undefined) next.model = patch.model;
    if (patch.baseUrl !== undefined) next.baseUrl = patch.baseUrl;
    const exists = this.store.db.prepare(`SELECT 1 FROM settings WHERE id = 'ai'`).pluck().get();
    this.store.mutate((w) => {
      if (exists) w.update('settings', 'ai', { value: JSON.stringify(next) });
      else w.insert('settings', { id: 'ai', value: JSON.stringify(next) });
    });
    return next;
  }

  /** TPJ_GEMINI_BASE_URL (tests, proxies) wins over the setting, which wins over Google's. */
  effectiveBaseUrl(settings = this.get()): string {
    return this.env.TPJ_GEMINI_BASE_URL?.trim() || settings.baseUrl || googleBaseUrl;
  }
}
