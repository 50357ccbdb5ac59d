import type { TradeDetail } from '../../../../shared/domain/types';
import { formatDate, formatTime } from '../../format/date';
import { formatMoney, formatNumber, formatPrice } from '../../format/money';

/** The fills behind the trade, in time order, with the part of each that belongs to it. */
export function ExecutionsTable({ trade, timeZone }: { trade: TradeDetail; timeZone: string }) {
  const legs = new Map(trade.legs.map((l) => [l.executionId, l]));
  return (
    <section className="card" aria-labelledby="executions-title">
      <header className="card__header">
        <h2 id="executions-title">Executions</h2>
        <span className="cell-muted">{trade.executions.length} fills</span>
      </header>
      {trade.executions.length === 0 ? (
        <p className="card__body cell-muted">This trade has no fills left in the journal.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="executions-table">
            <caption className="visually-hidden">Executions of this trade</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Side</th>
                <th scope="col">Role</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Fee
                </th>
              </tr>
            </thead>
            <tbody>
              {trade.executions.map((e) => {
                const leg = legs.get(e.id);
                const partial = leg !== undefined && leg.quantity !== e.quantity;
                return (
                  <tr key={e.id} data-testid="execution-row">
                    <td title={formatDate(e.executedAt, timeZone)}>{formatTime(e.executedAt, timeZone)}</td>
                    <td>
                      <span className={`side side--${e.side === 'buy' ? 'long' : 'short'}`}>
                        {e.side === 'buy' ? 'Buy' : 'Sell'}
                      </span>
                    </td>
                    <td>{leg?.role === 'close' ? 'Exit' : 'Entry'}</td>
                    <td className="num" title={partial ? `${leg.quantity} of this fill's ${e.quantity}` : undefined}>
                      {formatNumber(leg?.quantity ?? e.quantity)}
                      {partial ? '*' : ''}
                    </td>
                    <td className="num" title={e.price}>
                      {formatPrice(e.price)}
                    </td>
                    <td className="num">{formatMoney(leg?.fee ?? e.fee, e.currency)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
