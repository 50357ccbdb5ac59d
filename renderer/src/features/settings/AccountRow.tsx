import { useMemo } from 'react';
import type { Account } from '../../../../shared/domain/types';
import { nameProblem, parseZone, type AccountPatch } from './account-fields';
import { currencyChoices } from './choices';
import { CommitInput } from './CommitInput';
import { DeleteAccount } from './DeleteAccount';

type Props = {
  account: Account;
  accounts: readonly Account[];
  commit: (id: string, patch: AccountPatch) => void;
  /** The id of the <datalist> of time zones the table renders once. */
  zoneList: string;
};

/** One account, every field editable in place and saved when the trader leaves it. */
export function AccountRow({ account, accounts, commit, zoneList }: Props) {
  const currencies = useMemo(() => currencyChoices(account.currency), [account.currency]);
  const id = account.id;
  return (
    <tr data-testid="account-row" data-account={account.name}>
      <td>
        <CommitInput
          className="account-input"
          aria-label="Name"
          value={account.name}
          errorId={`account-name-error-${id}`}
          onCommit={(text) => {
            const problem = nameProblem(text, accounts, id);
            if (problem === null) commit(id, { name: text.trim() });
            return problem;
          }}
        />
      </td>
      <td>
        <CommitInput
          className="account-input"
          aria-label="Broker"
          placeholder="—"
          value={account.broker ?? ''}
          errorId={`account-broker-error-${id}`}
          onCommit={(text) => {
            if (text.trim().length > 100) return 'Keep the broker under 100 characters.';
            commit(id, { broker: text.trim() === '' ? null : text.trim() });
            return null;
          }}
        />
      </td>
      <td>
        <select
          className="account-input"
          aria-label="Currency"
          value={account.currency}
          onChange={(e) => commit(id, { currency: e.target.value })}
        >
          {currencies.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code}
            </option>
          ))}
        </select>
      </td>
      <td>
        <CommitInput
          className="account-input account-input--zone"
          aria-label="Time zone"
          list={zoneList}
          placeholder="Display time zone"
          value={account.timeZone ?? ''}
          errorId={`account-zone-error-${id}`}
          onCommit={(text) => {
            const zone = parseZone(text);
            if (!zone.ok) return zone.error;
            commit(id, { timeZone: zone.value });
            return null;
          }}
        />
      </td>
      <td className="accounts-table__actions">
        <DeleteAccount account={account} />
      </td>
    </tr>
  );
}
