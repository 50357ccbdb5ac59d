import { useState, type FormEvent } from 'react';
import type { Account, Settings } from '../../../../shared/domain/types';
import { call } from '../../client/call';
import { useJournal } from '../../state/journal-store';
import { ratesToEdit, validRate } from './fx-rates';

/**
 * One exchange rate per account currency that is not the base currency, so totals across
 * accounts can be shown in one currency. Trades without a rate stay out of those totals.
 */
export function FxRatesForm({ settings, accounts }: { settings: Settings; accounts: Account[] }) {
  const currencies = ratesToEdit(settings, accounts);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const setSettings = useJournal((s) => s.setSettings);
  const value = (code: string) => edits[code] ?? settings.fxRates[code] ?? '';
  const invalid = currencies.filter((c) => value(c) !== '' && !validRate(value(c)));

  if (currencies.length === 0) {
    return (
      <div className="form">
        <p className="field__hint">Every account is in {settings.baseCurrency}; no exchange rates are needed.</p>
      </div>
    );
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid.length > 0) return;
    const fxRates: Record<string, string> = { ...settings.fxRates };
    for (const code of currencies) {
      const v = value(code).trim();
      if (v === '') delete fxRates[code];
      else fxRates[code] = v;
    }
    setSaving(true);
    const result = await call('settings.update', { patch: { fxRates } });
    setSaving(false);
    if (result.ok) {
      setSettings(result.value);
      setEdits({});
      setSaved(true);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void save(e)} data-testid="fx-rates-form">
      {currencies.map((code) => (
        <label className="field" key={code}>
          <span className="field__label">
            1 {code} in {settings.baseCurrency}
          </span>
          <input
            inputMode="decimal"
            value={value(code)}
            placeholder="e.g. 1.0832"
            aria-invalid={invalid.includes(code)}
            onChange={(e) => {
              setEdits((x) => ({ ...x, [code]: e.target.value }));
              setSaved(false);
            }}
          />
          {invalid.includes(code) && <span className="field__error">Enter a number greater than zero.</span>}
        </label>
      ))}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving || invalid.length > 0}>
          {saving ? 'Saving…' : 'Save rates'}
        </button>
        {saved && (
          <span className="form__saved" role="status">
            Saved; trades were converted again.
          </span>
        )}
      </div>
    </form>
  );
}
