import type { ImportSummary } from '../../../../shared/contract';
import { hrefOf } from '../../app/routes';
import { countText } from '../../format/status';
import { IssueList } from './IssueList';

type Props = { id: string; summary: ImportSummary; title: string; onMore: () => void; moreLabel: string };

/** What an import or a manual entry wrote, with the way to the trades it made. */
export function ImportSummaryView({ id, summary, title, onMore, moreLabel }: Props) {
  const { executions, trades } = summary;
  return (
    <section className="card summary" id={id} aria-labelledby={`${id}-title`} data-testid={id} tabIndex={-1}>
      <header className="card__header">
        <h2 id={`${id}-title`}>{title}</h2>
      </header>
      <dl className="counts counts--summary">
        <Figure label="New executions" value={executions.new} testId="summary-new" />
        <Figure label="Already in the journal" value={executions.duplicate} testId="summary-duplicate" />
        <Figure label="Trades created" value={trades.created} testId="summary-created" />
        <Figure label="Trades updated" value={trades.updated} testId="summary-updated" />
      </dl>
      <div className="summary__body">
        {summary.accountsCreated.length > 0 && (
          <p data-testid="summary-accounts">
            New {summary.accountsCreated.length === 1 ? 'account' : 'accounts'}:{' '}
            <strong>{summary.accountsCreated.join(', ')}</strong>
          </p>
        )}
        {trades.removed > 0 && (
          <p className="cell-muted">{countText(trades.removed, 'earlier trade')} merged into the trades above.</p>
        )}
        {summary.errors > 0 && (
          <p className="cell-muted">
            {countText(summary.errors, 'row')} could not be read and {summary.errors === 1 ? 'was' : 'were'} left out.
          </p>
        )}
        {summary.warnings.length > 0 && (
          <details>
            <summary>{countText(summary.warnings.length, 'warning')}</summary>
            <IssueList issues={summary.warnings} total={summary.warnings.length} kind="warning" />
          </details>
        )}
        <div className="form__actions">
          <a className="button button--primary" href={hrefOf('trades')} data-testid="summary-trades-link">
            See the trades
          </a>
          <button type="button" className="button" onClick={onMore}>
            {moreLabel}
          </button>
        </div>
      </div>
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="counts__item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{new Intl.NumberFormat().format(value)}</dd>
    </div>
  );
}
