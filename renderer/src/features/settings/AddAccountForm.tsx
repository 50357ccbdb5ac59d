import { useMemo, useState, type FormEvent } from 'react';
import type { Account } from '../../../../shared/domain/types';
import { callQuietly } from '../../client/quiet-call';
import { nameProblem, parseZone } from './account-fields';
import { currencyChoices } from './choices';

/** A new account: a name (required), its currency and, if its broker files need one, a time zone. */
export function AddAccountForm({
  accounts,
  baseCurrency,
  zoneList,
}: {
  accounts: readonly Account[];
  baseCurrency: string;
  zoneList: string;
}) {
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState<string | null>(null);
  const [zone, setZone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = currency ?? baseCurrency;
  const currencies = useMemo(() => currencyChoices(chosen), [chosen]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const problem = nameProblem(name, accounts, null);
    const timeZone = parseZone(zone);
    if (problem !== null || !timeZone.ok) {
      setError(problem ?? (timeZone.ok ? null : timeZone.error));
      return;
    }
    setBusy(true);
    const result = await callQuietly('accounts.create', {
      name: name.trim(),
      currency: chosen,
      timeZone: timeZone.value,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setName('');
    setZone('');
  };

  return (
    <form className="add-account" onSubmit={(e) => void add(e)} aria-label="Add an account" data-testid="add-account">
      <label className="field">
        <span className="field__label">New account</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Futures (IBKR)"
          aria-invalid={error !== null}
          aria-describedby={error !== null ? 'add-account-error' : undefined}
        />
      </label>
      <label className="field">
        <span className="field__label">Currency</span>
        <select value={chosen} onChange={(e) => setCurrency(e.target.value)}>
          {currencies.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Time zone (optional)</span>
        <input value={zone} list={zoneList} onChange={(e) => setZone(e.target.value)} placeholder="Display time zone" />
      </label>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add account'}
      </button>
      {error !== null && (
        <span className="field__error add-account__error" id="add-account-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
