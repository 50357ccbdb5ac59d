import type { Database } from 'better-sqlite3';
import type { AccountPlan } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import { newId } from '../journal/store';
import type { Stage } from './stage';

type AccountRow = { id: string; name: string; time_zone: string | null };

/** Staged label for rows whose file names no account; what follows is the format's name. */
const UNNAMED = '\u0000';

export function unnamedAccount(formatLabel: string): string {
  return `${UNNAMED}${formatLabel}`;
}

function unnamedAccountName(label: string): string {
  return `${label.slice(UNNAMED.length)} account`;
}

/**
 * Decide which account each account label in the files goes to: the account the trader
 * chose; else an account with the same name; else a new one named after the label. Files
 * that name no account go to the only account, or a new one when there is none.
 */
export function planAccounts(db: Database, stage: Stage, chosen: string | null): AccountPlan[] {
  const accounts = db
    .prepare(`SELECT id, name, time_zone FROM accounts WHERE deleted_hlc IS NULL`)
    .all() as AccountRow[];
  // In the order the files name them, as the trader reads them.
  const labels = stage.labels;
  const plans: AccountPlan[] = [];
  for (const label of labels) {
    const plan = (p: Omit<AccountPlan, 'label' | 'named'>) =>
      plans.push({ label, named: !label.startsWith(UNNAMED), ...p });
    if (chosen !== null) {
      const account = accounts.find((a) => a.id === chosen);
      if (!account) throw new CoreError('NOT_FOUND', 'The account chosen for this import no longer exists.');
      plan({ accountId: account.id, accountName: account.name, create: false });
    } else if (!label.startsWith(UNNAMED)) {
      const same = accounts.find((a) => a.name.toLowerCase() === label.toLowerCase());
      plan(
        same
          ? { accountId: same.id, accountName: same.name, create: false }
          : { accountId: newId(), accountName: label, create: true },
      );
    } else if (accounts.some((a) => a.name === unnamedAccountName(label))) {
      // The account an earlier import of this format created: re-imports land in the same place.
      const same = accounts.find((a) => a.name === unnamedAccountName(label));
      if (same) plan({ accountId: same.id, accountName: same.name, create: false });
    } else if (accounts.length === 1 && accounts[0]) {
      plan({ accountId: accounts[0].id, accountName: accounts[0].name, create: false });
    } else if (accounts.length === 0) {
      // Several formats without account names, into an empty journal: one new account per format.
      plan({ accountId: newId(), accountName: unnamedAccountName(label), create: true });
    } else {
      throw new CoreError(
        'INVALID_INPUT',
        'This file does not say which account it belongs to. Choose the account to import into.',
        [{ path: 'accountId', message: 'choose an account' }],
      );
    }
  }
  // Staged rows keep their label; the commit and the counts join this small table.
  const plan = db.prepare(`INSERT OR REPLACE INTO ${stage.plan} (label, account_id) VALUES (?, ?)`);
  db.transaction(() => {
    for (const p of plans) if (p.accountId !== null) plan.run(p.label, p.accountId);
  })();
  // The staged label stays internal; the trader sees the format's name for unnamed rows.
  return plans.map((p) => (p.named ? p : { ...p, label: p.label.slice(UNNAMED.length) }));
}

/** The time zone an import should assume for zone-less times: the trader's choice, else the chosen account's. */
export function importTimeZone(
  db: Database,
  chosenZone: string | undefined,
  accountId: string | null,
): string | undefined {
  if (chosenZone) return chosenZone;
  if (accountId === null) return undefined;
  const zone = db.prepare(`SELECT time_zone FROM accounts WHERE id = ?`).pluck().get(accountId) as
    string | null | undefined;
  return zone ?? undefined;
}
