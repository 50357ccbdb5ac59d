import type { Account } from '../../../../shared/domain/types';

/** The trader's accounts, as the core lists them. */
export function AccountsTable({ accounts }: { accounts: Account[] }) {
  if (accounts.length === 0) {
    return <p className="card__body cell-muted">No accounts yet. Importing trades or loading the demo creates them.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="accounts-table">
        <caption className="visually-hidden">Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Broker</th>
            <th scope="col">Currency</th>
            <th scope="col">Time zone</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id}>
              <td className="cell-symbol">{a.name}</td>
              <td>{a.broker ?? <span className="cell-muted">—</span>}</td>
              <td>{a.currency}</td>
              <td>{a.timeZone ?? <span className="cell-muted">display time zone</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
