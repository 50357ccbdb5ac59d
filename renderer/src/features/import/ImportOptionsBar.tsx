import type { Account } from '../../../../shared/domain/types';
import { importZoneChoices } from './choices';
import type { ImportChoices } from './preview-request';

type Props = {
  choices: ImportChoices;
  accounts: Account[];
  displayZone: string;
  /** The core asked which account a file without account names belongs to. */
  needsAccount: boolean;
  disabled: boolean;
  onChoose: (patch: Partial<ImportChoices>) => void;
};

/** Where the rows go and how their times are read; each change previews again. */
export function ImportOptionsBar({ choices, accounts, displayZone, needsAccount, disabled, onChoose }: Props) {
  const zones = importZoneChoices(displayZone, choices.timeZone);
  return (
    <section className="card import-options" aria-label="Import options">
      <label className={`field${needsAccount ? ' field--attention' : ''}`}>
        <span className="field__label">Target account</span>
        <select
          id="import-account"
          value={choices.accountId ?? ''}
          disabled={disabled}
          aria-invalid={needsAccount || undefined}
          aria-describedby={needsAccount ? 'import-account-hint' : undefined}
          data-testid="import-account"
          onChange={(e) => onChoose({ accountId: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">As named in the file</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <span className="field__hint" id="import-account-hint">
          {needsAccount
            ? 'This file does not name its account: choose the account to import into.'
            : 'Rows go to the account the file names; new names become new accounts.'}
        </span>
      </label>
      <label className="field">
        <span className="field__label">Time zone of the file</span>
        <select
          value={choices.timeZone ?? ''}
          disabled={disabled}
          data-testid="import-zone"
          onChange={(e) => onChoose({ timeZone: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">As the broker writes it</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone === displayZone ? `${zone} (display time zone)` : zone}
            </option>
          ))}
        </select>
        <span className="field__hint">For times written without an offset.</span>
      </label>
    </section>
  );
}
