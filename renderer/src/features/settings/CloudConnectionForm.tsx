import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { CloudConnection } from '../../../../shared/contract/secrets';
import type { ServiceCheck } from '../../../../shared/contract/sync';
import { callQuietly } from '../../client/quiet-call';
import { useRemote } from '../../state/use-remote';
import { ServiceChecks } from './SyncResults';
import { secretSourceText, storageHint } from './secrets-view';

const blank: CloudConnection = { databaseUrl: '', workspaceId: '', redisUrl: '', qdrantUrl: '', qdrantApiKey: '' };

const fields: { name: keyof CloudConnection; label: string; placeholder: string; secret?: boolean }[] = [
  { name: 'databaseUrl', label: 'PostgreSQL URL', placeholder: 'postgres://user:password@host:5432/journal' },
  { name: 'workspaceId', label: 'Workspace id', placeholder: 'my-journal (the same on every device)' },
  { name: 'redisUrl', label: 'Redis URL (optional)', placeholder: 'redis://host:6379' },
  { name: 'qdrantUrl', label: 'Qdrant URL (optional)', placeholder: 'https://qdrant.example.com:6333' },
  { name: 'qdrantApiKey', label: 'Qdrant API key (optional)', placeholder: '', secret: true },
];

/**
 * The cloud connection typed in Settings: tested as typed, then kept (keychain in the app,
 * memory under `tpj serve`) and sync restarts with it. What is kept is never shown back:
 * the card shows addresses without credentials, and the fields start empty.
 */
export function CloudConnectionForm({ onChanged }: { onChanged: () => void }) {
  const secrets = useRemote('secrets.status', {}, []);
  const [draft, setDraft] = useState<CloudConnection>(blank);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<'test' | 'save' | 'remove' | null>(null);
  const [checks, setChecks] = useState<ServiceCheck[] | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const status = secrets.value;
  if (!status) return null;
  const { cloud } = status;
  const entered = cloud.source === 'keychain' || cloud.source === 'memory';
  const showForm = editing || !cloud.set;

  const run = async (action: 'test' | 'save' | 'remove') => {
    setBusy(action);
    setProblem(null);
    if (action !== 'test') setChecks(null);
    if (action === 'test') {
      const result = await callQuietly('sync.test', { connection: draft });
      setBusy(null);
      return result.ok ? setChecks(result.value) : setProblem(result.error);
    }
    const result =
      action === 'save'
        ? await callQuietly('secrets.cloud.set', { connection: draft })
        : await callQuietly('secrets.cloud.remove', {});
    setBusy(null);
    if (!result.ok) return setProblem(result.error);
    setDraft(blank);
    setEditing(false);
    secrets.reload();
    onChanged();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('save');
  };
  const incomplete = draft.databaseUrl.trim() === '' || draft.workspaceId.trim() === '';

  return (
    <div className="card__body" data-testid="cloud-connection">
      <p className="field__hint" data-testid="cloud-connection-source">
        Connection: {secretSourceText(cloud.source, 'the environment (TIMESCALE_DATABASE_URL, TPJ_WORKSPACE…)')}
      </p>
      {cloud.source === 'env' && (
        <p className="field__hint">The environment’s connection wins over one entered here.</p>
      )}
      {!showForm && (
        <div className="form__actions">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Change connection…
          </button>
          {entered && (
            <button type="button" className="button" disabled={busy !== null} onClick={() => void run('remove')}>
              {busy === 'remove' ? 'Disconnecting…' : 'Disconnect'}
            </button>
          )}
        </div>
      )}
      {showForm && (
        <form className="form" onSubmit={submit} data-testid="cloud-connection-form">
          {fields.map((f) => (
            <label className="field" key={f.name}>
              <span className="field__label">{f.label}</span>
              <input
                type={f.secret ? 'password' : 'text'}
                autoComplete="off"
                spellCheck={false}
                value={draft[f.name] ?? ''}
                placeholder={f.placeholder}
                onChange={(e) => setDraft((d) => ({ ...d, [f.name]: e.target.value }))}
                data-testid={`cloud-${f.name}`}
              />
            </label>
          ))}
          <p className="field__hint">{storageHint(status.storage)}</p>
          <div className="form__actions">
            <button
              type="button"
              className="button"
              disabled={busy !== null || incomplete}
              onClick={() => void run('test')}
            >
              {busy === 'test' ? 'Testing…' : 'Test connection'}
            </button>
            <button
              type="submit"
              className="button button--primary"
              disabled={busy !== null || incomplete || !status.storage.available}
            >
              {busy === 'save' ? 'Saving…' : 'Save connection'}
            </button>
            {editing && (
              <button type="button" className="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
      {checks && <ServiceChecks checks={checks} />}
      {problem && (
        <p className="backups-outcome backups-outcome--fail" role="alert" data-testid="cloud-connection-error">
          {problem.message}
        </p>
      )}
    </div>
  );
}
