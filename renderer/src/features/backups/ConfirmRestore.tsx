import { useState, type FormEvent } from 'react';
import { CONFIRM_WORD, isConfirmWord } from './inspection';

type Props = { onConfirm: () => void; onCancel: () => void };

/** The deliberate step before a restore: type the word, then the clearly named button. */
export function ConfirmRestore({ onConfirm, onCancel }: Props) {
  const [typed, setTyped] = useState('');
  const confirmed = isConfirmWord(typed);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (confirmed) onConfirm();
  };

  return (
    <form className="confirm-restore" onSubmit={submit} data-testid="restore-confirm">
      <p className="confirm-restore__safety">
        Everything in the journal now is replaced by the backup. Nothing is lost: the restore first checks every byte of
        the backup, then keeps the journal as it is now as a safety copy in its backups folder. The restored journal
        gets a new device id.
      </p>
      <div className="confirm-restore__row">
        <label className="field">
          <span className="field__label">
            Type <kbd>{CONFIRM_WORD}</kbd> to confirm
          </span>
          <input
            // Focus lands here when the summary appears, so the whole step works from the keyboard.
            autoFocus
            value={typed}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="confirm-restore-hint"
            data-testid="restore-confirm-input"
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <button type="submit" className="button button--danger" disabled={!confirmed}>
          Replace the journal with this backup
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="field__hint" id="confirm-restore-hint">
        Enter restores once the word is typed; Escape cancels.
      </p>
    </form>
  );
}
