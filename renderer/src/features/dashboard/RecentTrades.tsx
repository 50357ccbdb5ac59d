import type { TradeFilter } from '../../../../shared/contract';
import { hrefOf } from '../../app/routes';
import { useRemote } from '../../state/use-remote';
import { Loading } from '../../ui/Loading';
import { TradesTable } from '../trades/TradesTable';

/** The ten most recent trades the dashboard's filters select, with a way to the full list. */
export function RecentTrades({ filter = {} }: { filter?: TradeFilter }) {
  const recent = useRemote('trades.list', { filter, cursor: null, limit: 10 }, ['trades', 'trade_tags']);
  return (
    <section className="card dashboard-grid__wide" aria-labelledby="recent-trades-title">
      <header className="card__header">
        <h2 id="recent-trades-title">Recent trades</h2>
        <a className="link" href={hrefOf('trades')}>
          All trades →
        </a>
      </header>
      {recent.value === undefined ? (
        recent.loading ? (
          <Loading label="Loading recent trades…" />
        ) : (
          <p className="card__body cell-muted">The recent trades could not be loaded.</p>
        )
      ) : (
        <TradesTable trades={recent.value.items} caption="The ten most recent trades" />
      )}
    </section>
  );
}
