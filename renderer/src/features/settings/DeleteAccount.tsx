import { useEffect, useRef, useState } from 'react';
import type { Account } from '../../../../shared/domain/types';
import { callQuietly } from '../../client/quiet-call';
import { deleteQuestion } from './account-fields';

type Step = { kind: 'closed' } | { kind: 'counting' } | { kind: 'asking'; trades: number } | { kind: 'deleting' };

/**
 * "Delete…", then a second step that says what happens to the account's trades (counted when
 * asked) and names them on the button; "Keep" is focused, Escape backs out. An account with
 * trades is deleted only with them, so no trade is ever left without its account.
 */
export function DeleteAccount({ account }: { account: Account }) {
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const [error, setError] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step.kind === 'asking') keep.current?.focus();
  }, [step.kind]);

  const ask = async () => {
    setError(null);
    setStep({ kind: 'counting' });
    const count = await callQuietly('trades.list', { filter: { accountIds: [account.id] }, limit: 1 });
    if (!count.ok) {
      setError(count.error.message);
      setStep({ kind: 'closed' });
      return;
    }
    setStep({ kind: 'asking', trades: count.value.total });
  };
  const close = () => {
    setStep({ kind: 'closed' });
    requestAnimationFrame(() => opener.current?.focus());
  };
  const remove = async (trades: number) => {
    setStep({ kind: 'deleting' });
    const result = await callQuietly('accounts.delete', { id: account.id, withTrades: trades > 0 });
    // On success the row goes away with the reloaded list; on a refusal, say why and ask again.
    if (!result.ok) {
      setError(result.error.message);
      setStep({ kind: 'closed' });
    }
  };

  if (step.kind === 'closed' || step.kind === 'counting') {
    return (
      <>
        <button
          ref={opener}
          type="button"
          className="button button--small"
          onClick={() => void ask()}
          disabled={step.kind === 'counting'}
          aria-label={`Delete ${account.name}…`}
        >
          Delete…
        </button>
        {error !== null && (
          <span className="field__error" role="alert">
            {error}
          </span>
        )}
      </>
    );
  }
  const trades = step.kind === 'asking' ? step.trades : 0;
  return (
    <div
      className="delete-account"
      role="group"
      aria-label={`Confirm deleting ${account.name}`}
      data-testid="delete-account"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <p className="delete-account__question">{deleteQuestion(account.name, trades)}</p>
      <button
        type="button"
        className="button button--danger"
        onClick={() => void remove(trades)}
        disabled={step.kind === 'deleting'}
      >
        {trades === 0 ? 'Delete account' : `Delete account and its ${trades.toLocaleString('en-US')} trades`}
      </button>
      <button ref={keep} type="button" className="button" onClick={close} disabled={step.kind === 'deleting'}>
        Keep
      </button>
    </div>
  );
}
