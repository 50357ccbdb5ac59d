import { useState } from 'react';
import type { AppError } from '../../../../shared/contract';
import type { CloudVerifyReport, ServiceCheck, SyncStatusView } from '../../../../shared/contract/sync';
import { callQuietly } from '../../client/quiet-call';
import { formatWhen } from '../../format/date';
import { useTimeZone } from '../../state/journal-store';
import { Loading } from '../../ui/Loading';
import { CloudConnectionForm } from './CloudConnectionForm';
import { ServiceChecks, VerifyTable } from './SyncResults';
import { cloudSettings, reportText, syncStateBadge } from './sync-view';
import { useSyncStatus } from './use-sync-status';

/** Cloud sync: whether it is set up, where it syncs to, how it is going; sync, test and compare on demand. */
export function SyncCard() {
  const { status, error, reload } = useSyncStatus();
  const badge = status ? syncStateBadge(status) : null;
  return (
    <section className="card" aria-labelledby="cloud-sync-title" data-testid="cloud-sync-card">
      <header className="card__header">
        <h2 id="cloud-sync-title">Cloud sync</h2>
        {badge && (
          <span className={`state-badge state-badge--${badge.tone}`} data-testid="cloud-sync-state">
            {badge.label}
          </span>
        )}
      </header>
      {status ? (
        status.configured ? (
          <Configured status={status} onChanged={reload} />
        ) : (
          <NotConfigured pending={status.pending} />
        )
      ) : error ? (
        <div className="card__body" role="alert">
          <p>The sync status could not be read: {error.message}</p>
          <button type="button" className="button" onClick={reload}>
            Try again
          </button>
        </div>
      ) : (
        <Loading label="Reading the sync status…" />
      )}
      <CloudConnectionForm onChanged={reload} />
    </section>
  );
}

function NotConfigured({ pending }: { pending: number }) {
  return (
    <div className="card__body sync-setup" data-testid="cloud-sync-setup">
      <p>
        Sync keeps this journal in your own cloud database, so your other computers see the same trades, notes and
        playbooks. Without it everything stays on this device and works fully offline
        {pending > 0 ? '; your changes are kept to send once you connect' : ''}.
      </p>
      <p>
        To connect, enter your cloud below, or set these in the environment that starts the app (your shell profile, or
        the service that runs <code>tpj serve</code>) and restart it:
      </p>
      <dl className="facts">
        {cloudSettings.map((s) => (
          <div className="facts__row" key={s.name}>
            <dt>
              <code>{s.name}</code>
            </dt>
            <dd>{s.purpose}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

type Action = 'sync' | 'test' | 'verify';
type Outcome =
  | { action: 'sync'; text: string }
  | { action: 'test'; checks: ServiceCheck[] }
  | { action: 'verify'; report: CloudVerifyReport }
  | { action: Action; problem: AppError };

function Configured({ status, onChanged }: { status: SyncStatusView; onChanged: () => void }) {
  const timeZone = useTimeZone();
  const [busy, setBusy] = useState<Action | null>(null);
  const [outcomes, setOutcomes] = useState<Partial<Record<Action, Outcome>>>({});
  const number = new Intl.NumberFormat();

  const run = async (action: Action) => {
    setBusy(action);
    setOutcomes((o) => ({ ...o, [action]: undefined }));
    const outcome = await perform(action);
    setBusy(null);
    setOutcomes((o) => ({ ...o, [action]: outcome }));
    if (action === 'sync') onChanged();
  };

  const facts = [
    { label: 'Workspace', value: status.workspaceId ?? '—' },
    { label: 'PostgreSQL', value: status.cloud.postgres ?? 'not set' },
    { label: 'Redis', value: status.cloud.redis ?? 'not set (other devices pull on their timer)' },
    { label: 'Qdrant', value: status.cloud.qdrant ?? 'not set' },
    { label: 'Last synced', value: formatWhen(status.lastSyncedAt, timeZone) },
    { label: 'Changes waiting', value: number.format(status.pending) },
    { label: 'Conflicts', value: number.format(status.conflicts) },
  ];
  const sync = outcomes.sync;
  return (
    <>
      <dl className="facts" data-testid="cloud-sync-facts">
        {facts.map((f) => (
          <div className="facts__row" key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      {status.message && (
        <p className="card__note" data-testid="cloud-sync-message">
          {status.message}
        </p>
      )}
      <div className="form__actions card__body">
        <button
          type="button"
          className="button button--primary"
          disabled={busy === 'sync' || status.state === 'syncing'}
          onClick={() => void run('sync')}
        >
          {busy === 'sync' || status.state === 'syncing' ? 'Syncing…' : 'Sync now'}
        </button>
        <button type="button" className="button" disabled={busy === 'test'} onClick={() => void run('test')}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="button" className="button" disabled={busy === 'verify'} onClick={() => void run('verify')}>
          {busy === 'verify' ? 'Comparing…' : 'Compare with cloud'}
        </button>
      </div>
      <div aria-live="polite">
        {sync && 'text' in sync && (
          <p className="backups-outcome backups-outcome--ok" data-testid="cloud-sync-report">
            {sync.text}
          </p>
        )}
        {outcomes.test && 'checks' in outcomes.test && <ServiceChecks checks={outcomes.test.checks} />}
        {outcomes.verify && 'report' in outcomes.verify && <VerifyTable report={outcomes.verify.report} />}
      </div>
      {(['sync', 'test', 'verify'] as const).map((action) => {
        const outcome = outcomes[action];
        return outcome && 'problem' in outcome ? (
          <p
            key={action}
            className="backups-outcome backups-outcome--fail"
            role="alert"
            data-testid={`cloud-sync-${action}-error`}
          >
            {problemText[action]}: {outcome.problem.message}
          </p>
        ) : null;
      })}
    </>
  );
}

const problemText: Record<Action, string> = {
  sync: 'Sync did not finish',
  test: 'The test could not run',
  verify: 'The comparison could not run',
};

async function perform(action: Action): Promise<Outcome> {
  switch (action) {
    case 'sync': {
      const result = await callQuietly('sync.now', {});
      return result.ok ? { action, text: reportText(result.value) } : { action, problem: result.error };
    }
    case 'test': {
      const result = await callQuietly('sync.test', {});
      return result.ok ? { action, checks: result.value } : { action, problem: result.error };
    }
    case 'verify': {
      const result = await callQuietly('sync.verify', {});
      return result.ok ? { action, report: result.value } : { action, problem: result.error };
    }
  }
}
