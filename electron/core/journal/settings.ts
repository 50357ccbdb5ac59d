import type { ParsedInput } from '../../../shared/contract';
import type { Settings } from '../../../shared/domain/types';
import type { Store } from './store';

/** What a new journal starts with. */
export function defaultSettings(): Settings {
  return {
    baseCurrency: 'USD',
    displayTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    theme: 'system',
  };
}

/** Trader preferences; one synced row per key. */
export class SettingsService {
  constructor(private readonly store: Store) {}

  get(): Settings {
    const rows = this.store.db.prepare(`SELECT id, value FROM settings WHERE deleted_hlc IS NULL`).all() as {
      id: string;
      value: string;
    }[];
    const settings: Settings = defaultSettings();
    for (const { id, value } of rows) {
      const parsed: unknown = JSON.parse(value);
      if (id === 'baseCurrency' && typeof parsed === 'string') settings.baseCurrency = parsed;
      if (id === 'displayTimeZone' && typeof parsed === 'string') settings.displayTimeZone = parsed;
      if (id === 'theme' && (parsed === 'light' || parsed === 'dark' || parsed === 'system')) settings.theme = parsed;
    }
    return settings;
  }

  update({ patch }: ParsedInput<'settings.update'>): Settings {
    const exists = this.store.db.prepare(`SELECT 1 FROM settings WHERE id = ?`).pluck();
    this.store.mutate((w) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        if (exists.get(key)) w.update('settings', key, { value: JSON.stringify(value) });
        else w.insert('settings', { id: key, value: JSON.stringify(value) });
      }
    });
    return this.get();
  }
}
