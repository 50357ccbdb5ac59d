import type { Account } from '../../../../shared/domain/types';

/** What the trader edits on an account; `timeZone: null` means "use the display time zone". */
export type AccountPatch = Partial<Pick<Account, 'name' | 'broker' | 'currency' | 'timeZone'>>;
/** One saved account edit (the shared save queue's patch). */
export type AccountEdit = { id: string; patch: AccountPatch };

/** Why a name cannot be saved, in words; null when it can. Imports find accounts by name. */
export function nameProblem(name: string, accounts: readonly Account[], self: string | null): string | null {
  const wanted = name.trim();
  if (wanted === '') return 'Give the account a name.';
  if (wanted.length > 100) return 'Keep the name under 100 characters.';
  const lower = wanted.toLocaleLowerCase();
  const clash = accounts.find((a) => a.id !== self && a.name.toLocaleLowerCase() === lower);
  return clash ? `An account named “${clash.name}” already exists.` : null;
}

/** Whether the browser knows the IANA zone ("Europe/Berlin"); the core checks it the same way. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The typed time zone as the value to save: blank is null (the display time zone), a known
 * zone is itself; an unknown one is an error to show beside the box.
 */
export function parseZone(text: string): { ok: true; value: string | null } | { ok: false; error: string } {
  const zone = text.trim();
  if (zone === '') return { ok: true, value: null };
  if (!isTimeZone(zone)) return { ok: false, error: `“${zone}” is not a time zone. Pick one like America/New_York.` };
  return { ok: true, value: zone };
}

/** The patch that puts back what `patch` would change on the account. */
export function accountUndo(account: Account, patch: AccountPatch): AccountPatch {
  const undo: AccountPatch = {};
  if (patch.name !== undefined) undo.name = account.name;
  if (patch.broker !== undefined) undo.broker = account.broker;
  if (patch.currency !== undefined) undo.currency = account.currency;
  if (patch.timeZone !== undefined) undo.timeZone = account.timeZone;
  return undo;
}

/** Whether the patch would change nothing on the account (no save). */
export function changesNothing(account: Account, patch: AccountPatch): boolean {
  return (Object.keys(patch) as (keyof AccountPatch)[]).every((k) => patch[k] === account[k]);
}

/** The account list with one account's fields replaced (shown before the save returns). */
export function withEdit(accounts: readonly Account[], { id, patch }: AccountEdit): Account[] {
  return accounts.map((a) => (a.id === id ? { ...a, ...patch } : a));
}

/** What deleting the account does, said before it is done. */
export function deleteQuestion(name: string, trades: number): string {
  if (trades === 0) return `Delete “${name}”? It has no trades.`;
  const what = trades === 1 ? '1 trade' : `${trades.toLocaleString('en-US')} trades`;
  return (
    `“${name}” has ${what}. Deleting the account deletes ${trades === 1 ? 'it' : 'them'} too, with ` +
    `their fills, tags and notes, on every device that syncs this journal.`
  );
}
