import { useState } from 'react';
import type { PlaybooksEditor } from './use-playbooks';

/** A name and "Create": the new playbook appears with the others, ready for its rules. */
export function NewPlaybookForm({ create }: { create: PlaybooksEditor['create'] }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (name.trim() === '' || busy) return;
    setBusy(true);
    const result = await create(name.trim());
    setBusy(false);
    if (result.ok) {
      setName('');
      setError(null);
    } else {
      setError(result.message);
    }
  };
  return (
    <form
      className="card card--padded new-playbook"
      aria-label="New playbook"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="field">
        <span className="field__label">New playbook</span>
        <input
          type="text"
          value={name}
          maxLength={120}
          placeholder="e.g. Opening range breakout"
          onChange={(e) => setName(e.target.value)}
          data-testid="new-playbook-name"
        />
      </label>
      <button type="submit" className="button button--primary" disabled={busy || name.trim() === ''}>
        {busy ? 'Creating…' : 'Create playbook'}
      </button>
      {error !== null && (
        <p className="form-error" role="alert">
          The playbook could not be created: {error}
        </p>
      )}
    </form>
  );
}
