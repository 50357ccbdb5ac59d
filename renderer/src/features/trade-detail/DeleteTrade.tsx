import { useState } from 'react';
import { hrefOf } from '../../app/routes';
import { call } from '../../client/call';

/** "Delete trade…", then a second, explicit step; the fills go too, so a re-import does not bring it back. */
export function DeleteTrade({ id, fills }: { id: string; fills: number }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    const result = await call('trades.delete', { id });
    setBusy(false);
    if (result.ok) window.location.replace(hrefOf('trades'));
  };
  if (!confirming) {
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        Delete trade…
      </button>
    );
  }
  return (
    <span className="delete-trade" role="group" aria-label="Confirm deleting this trade">
      <span>
        Delete this trade and its {fills} {fills === 1 ? 'fill' : 'fills'}?
      </span>
      <button type="button" className="button button--danger" onClick={() => void remove()} disabled={busy}>
        Delete
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)} disabled={busy} autoFocus>
        Keep
      </button>
    </span>
  );
}
