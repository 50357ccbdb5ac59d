import { tradeHref } from '../../app/routes';
import { formatDate } from '../../format/date';
import { formatMoney } from '../../format/money';
import { useRemote } from '../../state/use-remote';

/** Trades most like this one (setup, tags, emotions, time, notes), as links; works offline. */
export function SimilarTrades({ tradeId, timeZone }: { tradeId: string; timeZone: string }) {
  const similar = useRemote('embeddings.similar', { tradeId, k: 5 }, ['trades', 'trade_tags', 'playbooks']);
  const items = similar.value?.items ?? [];
  return (
    <section className="card" aria-labelledby="similar-title" data-testid="similar-trades">
      <header className="card__header">
        <h2 id="similar-title">Similar trades</h2>
      </header>
      {similar.error !== null ? (
        <p className="card__body cell-muted">Similar trades could not be found: {similar.error.message}</p>
      ) : similar.value === undefined ? (
        <p className="card__body cell-muted">Looking for similar trades…</p>
      ) : items.length === 0 ? (
        <p className="card__body cell-muted">No similar trades yet.</p>
      ) : (
        <ul className="card__body">
          {items.map(({ trade, score }) => (
            <li key={trade.id}>
              <a href={tradeHref(trade.id)} title={`similarity ${score.toFixed(2)}`}>
                {trade.symbol} {trade.side === 'long' ? 'Long' : 'Short'} · {formatDate(trade.openedAt, timeZone)} ·{' '}
                {formatMoney(trade.netPnl, trade.currency)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
