import { useMemo } from 'react';
import { SaveStatus } from '../trade-detail/SaveStatus';
import { AccountRow } from './AccountRow';
import { AddAccountForm } from './AddAccountForm';
import { timeZoneChoices } from './choices';
import { useAccountEditor } from './use-account-editor';

const ZONE_LIST = 'account-time-zones';

/**
 * The trader's accounts, edited in place: every field is saved when the trader leaves it,
 * with one status line and "Try again" for the table; a new account is added below.
 */
export function AccountsTable({ baseCurrency }: { baseCurrency: string }) {
  const editor = useAccountEditor();
  const { accounts } = editor;
  const zones = useMemo(() => timeZoneChoices('UTC'), []);
  return (
    <>
      <div className="card__body accounts-status">
        <SaveStatus save={editor.save} onRetry={editor.retry} />
      </div>
      {accounts.length === 0 ? (
        <p className="card__body cell-muted" data-testid="no-accounts">
          No accounts yet. Add one below, or import trades or load the demo to create them.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table accounts-table" data-testid="accounts-table">
            <caption className="visually-hidden">Accounts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Broker</th>
                <th scope="col">Currency</th>
                <th scope="col">Time zone</th>
                <th scope="col">
                  <span className="visually-hidden">Delete</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <AccountRow key={a.id} account={a} accounts={accounts} commit={editor.commit} zoneList={ZONE_LIST} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <datalist id={ZONE_LIST}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <p className="card__body field__hint">
        An account’s currency and time zone apply to fills whose broker file leaves them out; a blank time zone means
        the display time zone. Trades already recorded keep theirs.
      </p>
      <AddAccountForm accounts={accounts} baseCurrency={baseCurrency} zoneList={ZONE_LIST} />
    </>
  );
}
