import { useCallback } from 'react';
import type { Account } from '../../../../shared/domain/types';
import { callQuietly } from '../../client/quiet-call';
import { useJournal } from '../../state/journal-store';
import { useUndoableSaves, type UndoableSaves } from '../../state/use-undoable-saves';
import { accountUndo, changesNothing, withEdit, type AccountEdit, type AccountPatch } from './account-fields';

export type AccountEditor = Omit<UndoableSaves<AccountEdit>, 'commit'> & {
  accounts: Account[];
  /** Save a change to one account now (shown at once, one undo step). */
  commit: (id: string, patch: AccountPatch) => void;
};

/**
 * The accounts, edited in place and saved as the trader goes through the shared save queue
 * (the one the journal and trade pages use): shown at once, sent in order, "Try again" on a
 * failure. The list itself comes from the journal store, which reloads it on every change.
 */
export function useAccountEditor(): AccountEditor {
  const accounts = useJournal((s) => s.accounts);
  const saves = useUndoableSaves<AccountEdit>({
    apply: (edit) => useJournal.setState((s) => ({ accounts: withEdit(s.accounts, edit) })),
    send: ({ id, patch }) => callQuietly('accounts.update', { id, patch }),
  });
  const { commit: commitWithUndo } = saves;
  const commit = useCallback(
    (id: string, patch: AccountPatch) => {
      const account = useJournal.getState().accounts.find((a) => a.id === id);
      if (!account || changesNothing(account, patch)) return;
      commitWithUndo({ id, patch }, { id, patch: accountUndo(account, patch) });
    },
    [commitWithUndo],
  );
  return { ...saves, accounts, commit };
}
