import type { TradeDetail } from '../../../../shared/domain/types';
import { formatClock, formatDateTime } from '../../format/date';
import { formatPrice } from '../../format/money';
import { chartGeometry } from './chart-geometry';

const size = { width: 720, height: 240, left: 64, right: 16, top: 14, bottom: 28 };

type Props = { trade: TradeDetail; stop: string | null; target: string | null; timeZone: string };

/** The fills on a price/time plot with the stop and target lines (no tick data: the fills are the path). */
export function PriceChart({ trade, stop, target, timeZone }: Props) {
  if (trade.executions.length === 0) return null;
  const g = chartGeometry(trade.executions, trade.legs, { stop, target }, size);
  const plotRight = size.width - size.right;
  const plotBottom = size.height - size.bottom;
  return (
    <section className="card" aria-labelledby="chart-title">
      <header className="card__header">
        <h2 id="chart-title">Fills</h2>
        <span className="chart-legend cell-muted">
          <span className="chart-legend__entry">▲ entry</span> <span className="chart-legend__exit">▼ exit</span>
          {stop !== null && <span className="chart-legend__stop"> — stop</span>}
          {target !== null && <span className="chart-legend__target"> — target</span>}
        </span>
      </header>
      <svg
        className="price-chart"
        viewBox={`0 0 ${size.width} ${size.height}`}
        role="img"
        aria-label={`${trade.executions.length} fills of ${trade.symbol} by time and price${stop ? `, stop ${stop}` : ''}${target ? `, target ${target}` : ''}`}
        data-testid="price-chart"
      >
        {g.priceTicks.map((t) => (
          <g key={t.label} className="price-chart__grid">
            <line x1={size.left} x2={plotRight} y1={t.at} y2={t.at} />
            <text x={size.left - 6} y={t.at + 4} textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        <text className="price-chart__time" x={size.left} y={plotBottom + 18}>
          {formatClock(g.minTime, timeZone)}
        </text>
        <text className="price-chart__time" x={plotRight} y={plotBottom + 18} textAnchor="end">
          {formatClock(g.maxTime, timeZone)}
        </text>
        {g.levels.map((l) => (
          <g
            key={l.kind}
            className={`price-chart__level price-chart__level--${l.kind}`}
            data-testid={`chart-${l.kind}`}
          >
            <line x1={size.left} x2={plotRight} y1={l.y} y2={l.y} />
            <text x={plotRight - 4} y={l.y - 4} textAnchor="end">
              {l.kind === 'stop' ? 'Stop' : 'Target'} {formatPrice(l.price)}
            </text>
          </g>
        ))}
        <path className="price-chart__path" d={g.path} />
        {g.markers.map((m, i) => (
          <path
            key={i}
            className={`price-chart__marker price-chart__marker--${m.role}`}
            d={
              m.role === 'open'
                ? `M${m.x},${m.y - 7} L${m.x + 6},${m.y + 4} L${m.x - 6},${m.y + 4} Z`
                : `M${m.x},${m.y + 7} L${m.x + 6},${m.y - 4} L${m.x - 6},${m.y - 4} Z`
            }
          >
            <title>
              {m.side === 'buy' ? 'Buy' : 'Sell'} at {m.price}, {formatDateTime(m.at, timeZone)}
            </title>
          </path>
        ))}
      </svg>
    </section>
  );
}
