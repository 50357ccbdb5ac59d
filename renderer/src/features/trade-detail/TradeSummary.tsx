import type { TradeDetail } from '../../../../shared/domain/types';
import { formatDateTime } from '../../format/date';
import { formatMoney, formatNumber, formatPrice, formatR, toneOf } from '../../format/money';
import { formatHolding } from './inputs';

/** The trade's key figures: P&L net and gross, fees, R, size, prices and holding time. */
export function TradeSummary({ trade, timeZone }: { trade: TradeDetail; timeZone: string }) {
  const held = (trade.closedAt ?? Date.now()) - trade.openedAt;
  const figures: { label: string; value: string; tone?: string; testId?: string; title?: string }[] = [
    { label: 'Net P&L', value: formatMoney(trade.netPnl, trade.currency), tone: toneOf(trade.netPnl), testId: 'net' },
    { label: 'Gross P&L', value: formatMoney(trade.grossPnl, trade.currency), tone: toneOf(trade.grossPnl) },
    { label: 'Fees', value: formatMoney(trade.fees, trade.currency) },
    {
      label: 'R',
      value: trade.rMultiple === null ? '—' : formatR(trade.rMultiple),
      tone: trade.rMultiple === null ? 'flat' : toneOf(trade.rMultiple),
      testId: 'r',
      title: trade.rMultiple === null ? 'Set a stop or a risk amount to see R' : trade.rMultiple,
    },
    { label: 'Quantity', value: formatNumber(trade.quantity) },
    { label: 'Entry', value: formatPrice(trade.entryPrice), title: trade.entryPrice },
    {
      label: 'Exit',
      value: trade.exitPrice === null ? 'open' : formatPrice(trade.exitPrice),
      title: trade.exitPrice ?? 'still open',
    },
    { label: trade.closedAt === null ? 'Open for' : 'Held', value: formatHolding(held) },
  ];
  return (
    <section className="card trade-figures" aria-label="Trade figures">
      <dl className="trade-figures__list">
        {figures.map((f) => (
          <div key={f.label} className="trade-figures__item" title={f.title}>
            <dt>{f.label}</dt>
            <dd
              className={f.tone ? `pnl--${f.tone}` : undefined}
              data-testid={f.testId ? `figure-${f.testId}` : undefined}
            >
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="trade-figures__times">
        Opened {formatDateTime(trade.openedAt, timeZone)}
        {trade.closedAt === null ? ' · still open' : ` · closed ${formatDateTime(trade.closedAt, timeZone)}`} ·{' '}
        {timeZone}
      </p>
    </section>
  );
}
