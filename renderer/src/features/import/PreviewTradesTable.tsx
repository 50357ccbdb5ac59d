import type { PreviewTrade } from '../../../../shared/contract';
import { formatDateTime } from '../../format/date';
import { formatNumber, formatPrice, toneOf } from '../../format/money';

/** The preview sends at most this many trades. */
const PREVIEW_TRADES = 20;

// The preview does not say a trade's currency, so P&L shows as an amount: "-8.20", "947.70".
const amount = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'negative',
});

/** The round trips the new executions make, as a first look before importing. */
export function PreviewTradesTable({ trades, timeZone }: { trades: PreviewTrade[]; timeZone: string }) {
  return (
    <section className="card" aria-labelledby="import-trades-title">
      <header className="card__header">
        <h2 id="import-trades-title">
          {trades.length >= PREVIEW_TRADES ? `First ${PREVIEW_TRADES} trades` : 'Trades these executions make'}
        </h2>
      </header>
      {trades.length === 0 ? (
        <p className="card__body cell-muted">No new trades: nothing new to group.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="preview-trades">
            <caption className="visually-hidden">Trades the import would create</caption>
            <thead>
              <tr>
                <th scope="col">Opened</th>
                <th scope="col">Account</th>
                <th scope="col">Symbol</th>
                <th scope="col">Side</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num">
                  Entry
                </th>
                <th scope="col" className="num">
                  Exit
                </th>
                <th scope="col" className="num" title="In the account's currency">
                  Net P&amp;L
                </th>
              </tr>
            </thead>
            <tbody>
              {trades.map((t, i) => (
                <tr key={`${t.account}-${t.symbol}-${t.openedAt}-${i}`} data-testid="preview-trade">
                  <td>{formatDateTime(t.openedAt, timeZone)}</td>
                  <td className="cell-account">{t.account}</td>
                  <td className="cell-symbol">{t.symbol}</td>
                  <td>
                    <span className={`side side--${t.side}`}>{t.side === 'long' ? 'Long' : 'Short'}</span>
                  </td>
                  <td className="num">{formatNumber(t.quantity)}</td>
                  <td className="num" title={t.entryPrice}>
                    {formatPrice(t.entryPrice)}
                  </td>
                  <td className="num" title={t.exitPrice ?? 'still open'}>
                    {t.status === 'open' || t.exitPrice === null ? (
                      <span className="cell-muted">open</span>
                    ) : (
                      formatPrice(t.exitPrice)
                    )}
                  </td>
                  <td className={`num pnl pnl--${toneOf(t.netPnl)}`}>{amount.format(t.netPnl as `${number}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
