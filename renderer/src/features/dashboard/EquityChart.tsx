import { useMemo } from 'react';
import type { StatsResult } from '../../../../shared/contract';
import { formatDate } from '../../format/date';
import { formatMoney } from '../../format/money';
import { chartPaths, toPath } from './chart-points';

const WIDTH = 800;
const EQUITY_HEIGHT = 200;
const DRAWDOWN_HEIGHT = 80;
const GAP = 16;

/** Cumulative net P&L per closed trade, with its drawdown below (plain SVG: no chart library is installed). */
export function EquityChart({ stats }: { stats: StatsResult }) {
  const { equity } = stats.series;
  const paths = useMemo(() => chartPaths(equity), [equity]);
  const n = equity.equity.length;
  const money = (v: number) => formatMoney(v.toFixed(2), stats.currency);
  const first = equity.closedAt[0];
  const last = equity.closedAt[n - 1];
  const zeroY = paths.equityRange.max === paths.equityRange.min ? EQUITY_HEIGHT : yOf(0, paths.equityRange);
  const equityLine = toPath(paths.equity, WIDTH, EQUITY_HEIGHT);
  const ddTop = EQUITY_HEIGHT + GAP;
  const ddLine = toPath(paths.drawdown, WIDTH, DRAWDOWN_HEIGHT);
  const label =
    n === 0
      ? 'No closed trades to chart.'
      : `Equity over ${n} closed trades, from ${money(0)} to ${money(equity.equity[n - 1] ?? 0)}; ` +
        `lowest ${money(paths.equityRange.min)}, highest ${money(paths.equityRange.max)}, deepest drawdown ${money(paths.deepest)}.`;

  return (
    <section className="card" aria-labelledby="equity-title" data-testid="equity-chart">
      <header className="card__header">
        <h2 id="equity-title">Equity &amp; drawdown</h2>
        {first !== undefined && last !== undefined && (
          <span className="cell-muted">
            {formatDate(first, stats.timeZone)} – {formatDate(last, stats.timeZone)}
          </span>
        )}
      </header>
      {n === 0 ? (
        <p className="card__body cell-muted">No closed trades match the filters, so there is no curve to draw.</p>
      ) : (
        <div className="chart">
          <div className="chart__axis" aria-hidden="true">
            <span>{money(paths.equityRange.max)}</span>
            <span>{money(paths.equityRange.min)}</span>
            <span className="chart__axis-dd">{money(paths.deepest)}</span>
          </div>
          <svg
            className="chart__svg"
            viewBox={`0 0 ${WIDTH} ${EQUITY_HEIGHT + GAP + DRAWDOWN_HEIGHT}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={label}
          >
            <line className="chart__zero" x1={0} x2={WIDTH} y1={zeroY} y2={zeroY} />
            <path className="chart__equity" d={equityLine} vectorEffect="non-scaling-stroke" />
            <g transform={`translate(0 ${ddTop})`}>
              <path className="chart__drawdown" d={`${ddLine}L${WIDTH},0L0,0Z`} />
            </g>
          </svg>
        </div>
      )}
    </section>
  );
}

function yOf(value: number, range: { min: number; max: number }): number {
  return (1 - (value - range.min) / (range.max - range.min)) * EQUITY_HEIGHT;
}
