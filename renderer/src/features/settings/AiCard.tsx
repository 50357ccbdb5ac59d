import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { AiProviderChoice, AiSettings, AiTestResult } from '../../../../shared/contract/ai';
import { callQuietly } from '../../client/quiet-call';
import { useRemote } from '../../state/use-remote';
import { Loading } from '../../ui/Loading';
import { ApiKeyForm } from './ApiKeyForm';

/** The AI coach: Gemini or local only, model, endpoint; whether a key is set and a connection test. */
export function AiCard() {
  const status = useRemote('ai.status', {}, ['settings']);
  return (
    <section className="card" aria-labelledby="ai-title" data-testid="ai-card">
      <header className="card__header">
        <h2 id="ai-title">AI coach</h2>
        {status.value && (
          <span className="cell-muted" data-testid="ai-active">
            {status.value.activeProvider === 'gemini'
              ? `Gemini (${status.value.model})`
              : `Local coach — ${status.value.reason ?? 'works offline'}`}
          </span>
        )}
      </header>
      <ApiKeyForm onChanged={status.reload} />
      {status.value ? (
        <AiForm settings={status.value} keySet={status.value.keySet} onSaved={status.reload} />
      ) : status.error ? (
        <p className="card__body" role="alert">
          The AI settings could not be read: {status.error.message}
        </p>
      ) : (
        <Loading label="Reading the AI settings…" />
      )}
    </section>
  );
}

type Draft = { provider: AiProviderChoice; model: string; baseUrl: string };

function AiForm({ settings, keySet, onSaved }: { settings: AiSettings; keySet: boolean; onSaved: () => void }) {
  const saved: Draft = { provider: settings.provider, model: settings.model, baseUrl: settings.baseUrl ?? '' };
  const [edits, setEdits] = useState<Partial<Draft>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [test, setTest] = useState<AiTestResult | null>(null);
  const draft = { ...saved, ...edits };
  const unchanged = draft.provider === saved.provider && draft.model === saved.model && draft.baseUrl === saved.baseUrl;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const baseUrl = draft.baseUrl.trim() === '' ? null : draft.baseUrl.trim();
    const result = await callQuietly('ai.settings.update', {
      patch: { provider: draft.provider, model: draft.model, baseUrl },
    });
    setBusy(false);
    if (result.ok) {
      setEdits({});
      onSaved();
    } else setProblem(result.error);
  };

  const runTest = async () => {
    setBusy(true);
    setTest(null);
    const result = await callQuietly('ai.test', {});
    setBusy(false);
    if (result.ok) setTest(result.value);
    else setProblem(result.error);
  };

  return (
    <form className="form" onSubmit={(e) => void save(e)} data-testid="ai-form">
      <label className="field">
        <span className="field__label">Coach</span>
        <select
          value={draft.provider}
          onChange={(e) => setEdits((d) => ({ ...d, provider: e.target.value as AiProviderChoice }))}
        >
          <option value="auto">Gemini when a key is set, else the local coach</option>
          <option value="local">Local coach only (never goes online)</option>
        </select>
      </label>
      <label className="field">
        <span className="field__label">Gemini model</span>
        <input value={draft.model} onChange={(e) => setEdits((d) => ({ ...d, model: e.target.value }))} />
      </label>
      <label className="field">
        <span className="field__label">Gemini endpoint</span>
        <input
          value={draft.baseUrl}
          placeholder="https://generativelanguage.googleapis.com"
          onChange={(e) => setEdits((d) => ({ ...d, baseUrl: e.target.value }))}
        />
        <span className="field__hint">Leave empty for Google’s. TPJ_GEMINI_BASE_URL overrides it.</span>
      </label>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy || unchanged}>
          Save AI settings
        </button>
        <button type="button" className="button" disabled={busy || !keySet} onClick={() => void runTest()}>
          Test connection
        </button>
      </div>
      {test && (
        <p
          className={`backups-outcome backups-outcome--${test.reachable ? 'ok' : 'fail'}`}
          role="status"
          data-testid="ai-test"
        >
          {test.reachable ? `Gemini answered in ${test.latencyMs ?? '?'} ms.` : `Not reachable: ${test.error ?? ''}`}
        </p>
      )}
      {problem && (
        <p className="backups-outcome backups-outcome--fail" role="alert">
          {problem.message}
        </p>
      )}
    </form>
  );
}
