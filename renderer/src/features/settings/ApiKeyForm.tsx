import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/contract';
import { callQuietly } from '../../client/quiet-call';
import { useRemote } from '../../state/use-remote';
import { secretSourceText, storageHint } from './secrets-view';

/**
 * The Gemini API key: typed once into a password box and sent towards the core, never
 * read back. The page only learns whether a key is set and where it comes from.
 */
export function ApiKeyForm({ onChanged }: { onChanged: () => void }) {
  const secrets = useRemote('secrets.status', {}, []);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  const status = secrets.value;

  const change = async (action: 'save' | 'remove') => {
    setBusy(true);
    setProblem(null);
    const result =
      action === 'save'
        ? await callQuietly('secrets.gemini.set', { apiKey: draft })
        : await callQuietly('secrets.gemini.remove', {});
    setBusy(false);
    if (!result.ok) return setProblem(result.error);
    setDraft('');
    secrets.reload();
    onChanged();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change('save');
  };

  const entered = status && status.gemini.source !== 'env' && status.gemini.set;
  return (
    <form className="form" onSubmit={submit} data-testid="ai-key-form">
      <p className="field__hint" data-testid="ai-key">
        API key: {status ? secretSourceText(status.gemini.source, 'GEMINI_API_KEY') : '…'}
      </p>
      {status?.gemini.source === 'env' && (
        <p className="field__hint">GEMINI_API_KEY in the environment wins over a key entered here.</p>
      )}
      <label className="field">
        <span className="field__label">Gemini API key</span>
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          placeholder={status?.gemini.set ? '•••••••• (enter a new key to replace it)' : 'Paste your key'}
          onChange={(e) => setDraft(e.target.value)}
          data-testid="ai-key-input"
        />
        {status && <span className="field__hint">{storageHint(status.storage)}</span>}
      </label>
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || draft.trim() === '' || status?.storage.available === false}
        >
          Save key
        </button>
        <button type="button" className="button" disabled={busy || !entered} onClick={() => void change('remove')}>
          Remove key
        </button>
      </div>
      {(problem ?? secrets.error) && (
        <p className="backups-outcome backups-outcome--fail" role="alert">
          {(problem ?? secrets.error)?.message}
        </p>
      )}
    </form>
  );
}
