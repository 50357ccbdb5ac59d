import { useMemo, useState, type FormEvent } from 'react';
import type { Settings, Theme } from '../../../../shared/domain/types';
import { call } from '../../client/call';
import { useJournal } from '../../state/journal-store';
import { currencyChoices, timeZoneChoices } from './choices';

const themes: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/**
 * Theme, base currency and display time zone. Only the trader's edits are kept here, so a
 * change arriving from another device shows at once in every field the trader has not touched.
 */
export function SettingsForm({ settings }: { settings: Settings }) {
  const [edits, setEdits] = useState<Partial<Settings>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const setSettings = useJournal((s) => s.setSettings);
  const draft: Settings = { ...settings, ...edits };
  const zones = useMemo(() => timeZoneChoices(draft.displayTimeZone), [draft.displayTimeZone]);
  const currencies = useMemo(() => currencyChoices(draft.baseCurrency), [draft.baseCurrency]);
  const patch = changedFields(settings, draft);

  const change = (edit: Partial<Settings>) => {
    setEdits((e) => ({ ...e, ...edit }));
    setSaved(false);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const result = await call('settings.update', { patch });
    setSaving(false);
    if (result.ok) {
      setSettings(result.value);
      setEdits({});
      setSaved(true);
    }
  };

  const unchanged = Object.keys(patch).length === 0;

  return (
    <form className="form" onSubmit={(e) => void save(e)} data-testid="settings-form">
      <label className="field">
        <span className="field__label">Theme</span>
        <select value={draft.theme} onChange={(e) => change({ theme: e.target.value as Theme })}>
          {themes.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Base currency</span>
        <select value={draft.baseCurrency} onChange={(e) => change({ baseCurrency: e.target.value })}>
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
        <select value={draft.displayTimeZone} onChange={(e) => change({ displayTimeZone: e.target.value })}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        <span className="field__hint">Trade times and trading days are shown in this zone.</span>
      </label>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving || unchanged}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        {saved && (
          <span className="form__saved" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

function changedFields(saved: Settings, draft: Settings): Partial<Settings> {
  const patch: Partial<Settings> = {};
  if (draft.theme !== saved.theme) patch.theme = draft.theme;
  if (draft.baseCurrency !== saved.baseCurrency) patch.baseCurrency = draft.baseCurrency;
  if (draft.displayTimeZone !== saved.displayTimeZone) patch.displayTimeZone = draft.displayTimeZone;
  return patch;
}
