import { useMemo } from 'react';
import type { Settings, Theme } from '../../../../shared/domain/types';
import { callQuietly } from '../../client/quiet-call';
import { useJournal } from '../../state/journal-store';
import { useUndoableSaves } from '../../state/use-undoable-saves';
import { SaveStatus } from '../trade-detail/SaveStatus';
import { currencyChoices, timeZoneChoices } from './choices';

type Prefs = Partial<Pick<Settings, 'theme' | 'baseCurrency' | 'displayTimeZone'>>;

const themes: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/**
 * Theme, base currency and display time zone, each saved the moment it is picked (the shared
 * save queue: shown at once, "Try again" on a failure). A change from another device arrives
 * through the journal store like any other.
 */
export function SettingsForm({ settings }: { settings: Settings }) {
  const saves = useUndoableSaves<Prefs>({
    apply: (patch) => useJournal.setState((s) => (s.settings ? { settings: { ...s.settings, ...patch } } : {})),
    send: async (patch) => {
      const result = await callQuietly('settings.update', { patch });
      if (result.ok) useJournal.getState().setSettings(result.value);
      return result;
    },
  });
  const zones = useMemo(() => timeZoneChoices(settings.displayTimeZone), [settings.displayTimeZone]);
  const currencies = useMemo(() => currencyChoices(settings.baseCurrency), [settings.baseCurrency]);
  const change = (patch: Prefs) => {
    const undo: Prefs = {};
    for (const key of Object.keys(patch) as (keyof Prefs)[]) Object.assign(undo, { [key]: settings[key] });
    saves.commit(patch, undo);
  };

  return (
    <div className="form" data-testid="settings-form">
      <label className="field">
        <span className="field__label">Theme</span>
        <select
          value={settings.theme}
          onChange={(e) => change({ theme: e.target.value as Theme })}
          data-testid="settings-theme"
        >
          {themes.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Base currency</span>
        <select
          value={settings.baseCurrency}
          onChange={(e) => change({ baseCurrency: e.target.value })}
          data-testid="settings-currency"
        >
          {currencies.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
        <span className="field__hint">Totals across accounts are reported in this currency.</span>
      </label>
      <label className="field">
        <span className="field__label">Display time zone</span>
        <select
          value={settings.displayTimeZone}
          onChange={(e) => change({ displayTimeZone: e.target.value })}
          data-testid="settings-zone"
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        <span className="field__hint">Trade times and trading days are shown in this zone.</span>
      </label>
      <div className="form__actions">
        <SaveStatus save={saves.save} onRetry={saves.retry} />
      </div>
    </div>
  );
}
