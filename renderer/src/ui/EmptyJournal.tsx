import { useState } from 'react';
import { navigate } from '../app/routes';
import { call } from '../client/call';
import { useJournal } from '../state/journal-store';

/** First run: an empty journal invites the trader to try the demo or bring their own trades. */
export function EmptyJournal() {
  const [loading, setLoading] = useState(false);
  const loadStatus = useJournal((s) => s.loadStatus);

  const loadDemo = async () => {
    setLoading(true);
    const result = await call('demo.load', {});
    // The status answer flips the page from this empty state to the filled journal.
    if (result.ok) await loadStatus();
    setLoading(false);
  };

  return (
    <section className="card empty-journal" data-testid="empty-state">
      <div className="empty-journal__art" aria-hidden="true">
        <svg viewBox="0 0 64 64" width="64" height="64">
          <rect x="8" y="10" width="48" height="44" rx="6" fill="none" stroke="currentColor" strokeWidth="3" />
          <path
            d="M16 42 L26 30 L34 37 L48 22"
            fill="none"
            stroke="currentColor"
            strokeWidth="3"
            strokeLinecap="round"
          />
        </svg>
      </div>
      <h2>Your journal is empty</h2>
      <p>
        Import the trades from your broker to start reviewing them, or explore with a demo journal first. The demo lives
        only in this journal, on this computer.
      </p>
      <div className="empty-journal__actions">
        <button type="button" className="button button--primary" onClick={() => void loadDemo()} disabled={loading}>
          {loading ? 'Loading demo journal…' : 'Load demo journal'}
        </button>
        <button type="button" className="button" onClick={() => navigate('import')} disabled={loading}>
          Import trades
        </button>
      </div>
    </section>
  );
}
