import { useJournal } from '../../state/journal-store';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { AccountsTable } from './AccountsTable';
import { AiCard } from './AiCard';
import { FxRatesForm } from './FxRatesForm';
import { JobsCard } from './JobsCard';
import { SettingsForm } from './SettingsForm';
import { SyncCard } from './SyncCard';

/** Preferences, accounts, and where this journal is stored. */
export function SettingsPage() {
  const settings = useJournal((s) => s.settings);
  const accounts = useJournal((s) => s.accounts);
  const status = useJournal((s) => s.status);
  return (
    <>
      <PageHeader title="Settings" />
      <div className="settings-grid">
        <section className="card" aria-labelledby="prefs-title">
          <header className="card__header">
            <h2 id="prefs-title">Preferences</h2>
          </header>
          {settings ? <SettingsForm settings={settings} /> : <Loading label="Loading settings…" />}
        </section>
        <section className="card" aria-labelledby="accounts-title">
          <header className="card__header">
            <h2 id="accounts-title">Accounts</h2>
          </header>
          <AccountsTable baseCurrency={settings?.baseCurrency ?? 'USD'} />
        </section>
        <section className="card" aria-labelledby="fx-title">
          <header className="card__header">
            <h2 id="fx-title">Exchange rates</h2>
          </header>
          {settings ? <FxRatesForm settings={settings} accounts={accounts} /> : <Loading label="Loading settings…" />}
        </section>
        <SyncCard />
        <JobsCard />
        <AiCard />
        {status && (
          <section className="card" aria-labelledby="about-title">
            <header className="card__header">
              <h2 id="about-title">This journal</h2>
            </header>
            <dl className="facts">
              <div className="facts__row">
                <dt>Data folder</dt>
                <dd>{status.dataDir}</dd>
              </div>
              <div className="facts__row">
                <dt>Device</dt>
                <dd>{status.deviceId}</dd>
              </div>
              <div className="facts__row">
                <dt>Version</dt>
                <dd>
                  {status.version} (journal schema {status.schemaVersion})
                </dd>
              </div>
            </dl>
          </section>
        )}
      </div>
    </>
  );
}
