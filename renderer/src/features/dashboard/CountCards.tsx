import type { AppStatus } from '../../../../shared/domain/types';

const count = new Intl.NumberFormat();

/** What the journal holds, straight from `app.status` (analytics come later). */
export function CountCards({ counts }: { counts: AppStatus['counts'] }) {
  const figures = [
    { label: 'Trades', value: counts.trades },
    { label: 'Accounts', value: counts.accounts },
    { label: 'Executions', value: counts.executions },
    { label: 'Journal entries', value: counts.journalEntries },
  ];
  return (
    <dl className="figures" data-testid="journal-counts">
      {figures.map((f) => (
        <div className="card figure" key={f.label}>
          <dt className="figure__label">{f.label}</dt>
          <dd className="figure__value">{count.format(f.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
