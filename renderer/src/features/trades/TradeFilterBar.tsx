import type { ReactNode } from 'react';
import type { Playbook } from '../../../../shared/domain/types';
import { useJournal } from '../../state/journal-store';
import { useRemote } from '../../state/use-remote';
import { activeFilters, emptyFilterForm, type FilterForm } from './filter-form';

/** The trade filters (date range, account, symbol, side, tag, playbook), for any trade view. */
export function TradeFilterBar({ value, onChange }: { value: FilterForm; onChange: (next: FilterForm) => void }) {
  const accounts = useJournal((s) => s.accounts);
  const tags = useJournal((s) => s.tags);
  const playbooks = useRemote('playbooks.list', {}, ['playbooks']);
  const set = <K extends keyof FilterForm>(key: K, v: FilterForm[K]) => onChange({ ...value, [key]: v });
  const active = activeFilters(value);
  return (
    <form className="filter-bar card" aria-label="Filter trades" onSubmit={(e) => e.preventDefault()}>
      <Field label="From">
        <input
          type="date"
          value={value.fromDay}
          onChange={(e) => set('fromDay', e.target.value)}
          data-testid="filter-from"
        />
      </Field>
      <Field label="To">
        <input type="date" value={value.toDay} onChange={(e) => set('toDay', e.target.value)} data-testid="filter-to" />
      </Field>
      <Field label="Account">
        <select value={value.accountId} onChange={(e) => set('accountId', e.target.value)} data-testid="filter-account">
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Symbol">
        <input
          type="search"
          value={value.symbol}
          maxLength={40}
          placeholder="Any"
          onChange={(e) => set('symbol', e.target.value)}
          data-testid="filter-symbol"
        />
      </Field>
      <Field label="Side">
        <select
          value={value.side}
          onChange={(e) => set('side', e.target.value as FilterForm['side'])}
          data-testid="filter-side"
        >
          <option value="">Long and short</option>
          <option value="long">Long</option>
          <option value="short">Short</option>
        </select>
      </Field>
      <Field label="Tag">
        <select value={value.tagId} onChange={(e) => set('tagId', e.target.value)} data-testid="filter-tag">
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Playbook">
        <select
          value={value.playbookId}
          onChange={(e) => set('playbookId', e.target.value)}
          data-testid="filter-playbook"
        >
          <option value="">Any playbook</option>
          {(playbooks.value ?? ([] as Playbook[])).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <button
        type="button"
        className="button filter-bar__clear"
        onClick={() => onChange(emptyFilterForm)}
        disabled={active === 0}
      >
        Clear filters{active > 0 ? ` (${active})` : ''}
      </button>
    </form>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field filter-bar__field">
      <span className="field__label">{label}</span>
      {children}
    </label>
  );
}
