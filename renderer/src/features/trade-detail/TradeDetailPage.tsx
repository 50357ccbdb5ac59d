import { useEffect, useRef } from 'react';
import { coachReviewHref, hrefOf } from '../../app/routes';
import { useJournal, useTimeZone } from '../../state/journal-store';
import { Loading } from '../../ui/Loading';
import { AnnotationsPanel, PlaybookSection } from './AnnotationsPanel';
import { backLabel, backToTrades } from './back';
import { DeleteTrade } from './DeleteTrade';
import { ExecutionsTable } from './ExecutionsTable';
import { NotesField } from './NotesField';
import { TradeChart } from './TradeChart';
import { SaveStatus } from './SaveStatus';
import { Screenshots } from './Screenshots';
import { SimilarTrades } from './SimilarTrades';
import { TradeSummary } from './TradeSummary';
import { usePageUndo } from './use-page-undo';
import { useTradeEditor } from './use-trade-editor';

/** One trade, where the trader reviews it: figures, fills, chart, and every annotation saved as they go. */
export function TradeDetailPage({ id }: { id: string }) {
  const editor = useTradeEditor(id);
  const timeZone = useTimeZone();
  const accounts = useJournal((s) => s.accounts);
  const heading = useRef<HTMLHeadingElement>(null);
  const { detail, values } = editor;
  usePageUndo(editor);

  const symbol = detail?.symbol;
  useEffect(() => {
    window.scrollTo({ top: 0 });
    if (symbol === undefined) return;
    document.title = `${symbol} trade · Trading Path Journal`;
    heading.current?.focus();
  }, [symbol]);

  if (editor.loadError !== null && detail === null) {
    const missing = editor.loadError.code === 'NOT_FOUND';
    return (
      <section className="card trade-state" data-testid={missing ? 'trade-not-found' : 'trade-error'}>
        <h1>{missing ? 'This trade is not in the journal' : 'The trade could not be opened'}</h1>
        <p>
          {missing
            ? 'It may have been deleted, or merged into another trade when more fills were imported.'
            : editor.loadError.message}
        </p>
        <div className="trade-state__actions">
          {!missing && (
            <button type="button" className="button button--primary" onClick={editor.reload}>
              Try again
            </button>
          )}
          <a className="button" href={hrefOf('trades')}>
            Back to trades
          </a>
        </div>
      </section>
    );
  }
  if (detail === null || values === null) return <Loading label="Opening the trade…" />;

  const account = accounts.find((a) => a.id === detail.accountId)?.name ?? 'Unknown account';
  return (
    <div className="trade-detail" data-testid="trade-detail">
      <header className="page-header trade-detail__header">
        <div>
          <button
            type="button"
            className="link trade-detail__back"
            onClick={() => backToTrades(detail.id)}
            data-testid="back-to-trades"
          >
            ← {backLabel(detail.id)}
          </button>
          <h1 ref={heading} tabIndex={-1} data-testid="trade-title">
            {detail.symbol}{' '}
            <span className={`side side--${detail.side}`}>{detail.side === 'long' ? 'Long' : 'Short'}</span>{' '}
            <span className={`status-pill status-pill--${detail.status}`}>
              {detail.status === 'open' ? 'Open' : 'Closed'}
            </span>
          </h1>
          <p className="page-header__summary">
            {account} · {detail.assetClass}
            {detail.multiplier !== '1' ? ` · ×${detail.multiplier} per point` : ''}
          </p>
        </div>
        <div className="page-header__actions">
          <a className="button" href={coachReviewHref(detail.id)} data-testid="review-with-coach">
            Review with coach
          </a>
          <SaveStatus save={editor.save} onRetry={editor.retry} />
          <button type="button" className="button" onClick={editor.undo} disabled={!editor.canUndo}>
            Undo
          </button>
          <button type="button" className="button" onClick={editor.redo} disabled={!editor.canRedo}>
            Redo
          </button>
        </div>
      </header>
      <TradeSummary trade={detail} timeZone={timeZone} />
      <div className="trade-detail__columns">
        <div className="trade-detail__main">
          <TradeChart trade={detail} stop={values.stopPrice} target={values.targetPrice} timeZone={timeZone} />
          <NotesField notes={values.notes} onType={editor.typeNotes} onBlur={editor.flush} />
          <Screenshots tradeId={detail.id} />
          <ExecutionsTable trade={detail} timeZone={timeZone} />
        </div>
        <div className="trade-detail__side">
          <AnnotationsPanel values={values} commit={editor.commit} />
          <PlaybookSection playbookId={values.playbookId} rulesKept={values.rulesKept} commit={editor.commit} />
          <SimilarTrades tradeId={detail.id} timeZone={timeZone} />
          <div className="trade-detail__danger">
            <DeleteTrade id={detail.id} fills={detail.executions.length} />
          </div>
        </div>
      </div>
    </div>
  );
}
