import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ImportSummary } from '../../../../shared/contract';
import { call } from '../../client/call';
import { useJournal, useTimeZone } from '../../state/journal-store';
import { fieldErrorsFromCore, newFill, roundTrip, validateFills, type FillDraft, type FillErrors } from './fills';
import { FillsTable } from './FillsTable';
import { ImportSummaryView } from './ImportSummaryView';
import { utcToLocalInput } from './local-time';

const NEW_ACCOUNT = '__new';

type Added = { summary: ImportSummary; account: string };

function isBlank(row: FillDraft): boolean {
  return row.symbol === '' && row.quantity === '' && row.price === '' && row.fee === '';
}

/** Fills typed by hand, for brokers without an export; grouped into trades like an import. */
export function ManualEntry({ onAdded }: { onAdded: () => void }) {
  const accounts = useJournal((s) => s.accounts);
  const baseCurrency = useJournal((s) => s.settings?.baseCurrency ?? 'USD');
  const timeZone = useTimeZone();
  const now = () => utcToLocalInput(Date.now(), timeZone);
  const [picked, setPicked] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [rows, setRows] = useState<FillDraft[]>(() => [newFill(now())]);
  const [errors, setErrors] = useState<Map<number, FillErrors>>(new Map());
  const [nameError, setNameError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [added, setAdded] = useState<Added | null>(null);
  const [checked, setChecked] = useState(0);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const form = useRef<HTMLFormElement>(null);

  // The first account until the trader picks one; "new account" when there is none yet.
  const accountId =
    picked !== null && (picked === NEW_ACCOUNT || accounts.some((a) => a.id === picked))
      ? picked
      : (accounts[0]?.id ?? NEW_ACCOUNT);
  const creating = accountId === NEW_ACCOUNT;

  useEffect(() => {
    if (checked > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [checked]);

  // Keyboard users land in the row they just added, and on the summary once the fills are in.
  useEffect(() => {
    if (focusRow !== null) document.getElementById(`fill-${focusRow}-symbol`)?.focus();
  }, [focusRow]);
  useEffect(() => {
    if (added) document.getElementById('manual-summary')?.focus();
  }, [added]);

  // Settings can arrive after the form: rows nothing was typed into get "now" in the zone the table shows.
  useEffect(() => {
    const fresh = utcToLocalInput(Date.now(), timeZone);
    setRows((list) => list.map((r) => (isBlank(r) ? { ...r, executedAt: fresh } : r)));
  }, [timeZone]);

  const change = (key: number, patch: Partial<FillDraft>) => {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setMessage(null);
    setErrors((all) => {
      const rowErrors = all.get(key);
      if (!rowErrors) return all;
      const next = new Map(all);
      const left = Object.fromEntries(Object.entries(rowErrors).filter(([field]) => !(field in patch)));
      next.set(key, left);
      return next;
    });
  };

  const addFill = () => {
    const last = rows.at(-1);
    const template = last ? { symbol: last.symbol, assetClass: last.assetClass, executedAt: last.executedAt } : {};
    const fill = newFill(now(), template);
    setRows([...rows, fill]);
    setFocusRow(fill.key);
  };

  const addRoundTrip = () => {
    const last = rows.at(-1);
    const untouched = rows.length === 1 && last !== undefined && isBlank(last);
    const pair = roundTrip(last?.executedAt ?? now(), untouched ? undefined : last);
    setRows(untouched ? pair : [...rows, ...pair]);
    setFocusRow(pair[0].key);
  };

  const remove = (key: number) => {
    const left = rows.filter((r) => r.key !== key);
    setRows(left.length > 0 ? left : [newFill(now())]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = validateFills(rows, timeZone, Date.now());
    const nameProblem = creating && newName.trim() === '' ? 'Name the new account.' : null;
    setNameError(nameProblem);
    if (!check.ok || nameProblem !== null) {
      setErrors(check.ok ? new Map() : check.errors);
      setMessage(check.ok ? 'Name the new account, or choose an account.' : check.message);
      setChecked((n) => n + 1);
      return;
    }
    setErrors(new Map());
    setMessage(null);
    setSaving(true);
    let target = accountId;
    let accountName = accounts.find((a) => a.id === accountId)?.name ?? newName.trim();
    if (creating) {
      const created = await call('accounts.create', { name: newName.trim(), currency: baseCurrency });
      if (!created.ok) {
        setSaving(false);
        setNameError(created.error.message);
        return;
      }
      target = created.value.id;
      accountName = created.value.name;
      setPicked(target);
      setNewName('');
      await useJournal.getState().loadAccounts();
    }
    const result = await call('executions.add', { accountId: target, executions: check.executions });
    setSaving(false);
    if (!result.ok) {
      setErrors(fieldErrorsFromCore(result.error.fields ?? [], rows));
      setMessage(result.error.message);
      setChecked((n) => n + 1);
      return;
    }
    setAdded({ summary: result.value, account: accountName });
    setRows([newFill(now())]);
    onAdded();
  };

  if (added) {
    return (
      <ImportSummaryView
        id="manual-summary"
        summary={added.summary}
        title={`Added to ${added.account}`}
        onMore={() => setAdded(null)}
        moreLabel="Add more trades"
      />
    );
  }

  const count = rows.length;
  return (
    <section className="card" aria-labelledby="manual-title">
      <header className="card__header">
        <h2 id="manual-title">Add trades by hand</h2>
      </header>
      <form className="form" ref={form} onSubmit={(e) => void submit(e)} noValidate data-testid="manual-form">
        <p className="form__intro">
          For brokers without an export. Type each fill (an entry, an exit, a scale-in); fills are grouped into trades
          like imported ones. Times are in <strong>{timeZone}</strong>, your display time zone (Settings).
        </p>
        <div className="manual-account">
          <label className="field">
            <span className="field__label">Account</span>
            <select value={accountId} onChange={(e) => setPicked(e.target.value)} data-testid="manual-account">
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
              <option value={NEW_ACCOUNT}>New account…</option>
            </select>
          </label>
          {creating && (
            <label className={`field${nameError ? ' field--invalid' : ''}`}>
              <span className="field__label">Name of the new account</span>
              <input
                value={newName}
                maxLength={100}
                aria-invalid={nameError ? true : undefined}
                aria-describedby={nameError ? 'manual-name-error' : undefined}
                onChange={(e) => setNewName(e.target.value)}
              />
              {nameError ? (
                <span className="field__error" id="manual-name-error">
                  {nameError}
                </span>
              ) : (
                <span className="field__hint">In {baseCurrency}, your base currency.</span>
              )}
            </label>
          )}
        </div>
        <FillsTable rows={rows} errors={errors} timeZone={timeZone} onChange={change} onRemove={remove} />
        <div className="form__actions form__actions--split">
          <div className="form__actions">
            <button type="button" className="button" onClick={addFill}>
              Add a fill
            </button>
            <button type="button" className="button" onClick={addRoundTrip}>
              Add a round trip
            </button>
          </div>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Adding…' : `Add ${count} ${count === 1 ? 'fill' : 'fills'}`}
          </button>
        </div>
        {message && (
          <p className="form__message form__message--error" role="alert">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}
