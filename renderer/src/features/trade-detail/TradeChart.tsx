import { useMemo, useState } from 'react';
import type { TradeExcursion } from '../../../../shared/contract';
import type { TradeDetail } from '../../../../shared/domain/types';
import {
  CANDLE_INTERVALS,
  chartWindow,
  intervalForHolding,
  type CandleInterval,
} from '../../../../shared/ticks/intervals';
import { formatMoney, formatPrice, formatR } from '../../format/money';
import { useRemote } from '../../state/use-remote';
import { CandleChart, readPalette, useThemeName, type ChartLevel } from './CandleChart';
import { PriceChart } from './PriceChart';
import { chartCandles, tradeMarkers } from './trade-chart-data';

type Props = { trade: TradeDetail; stop: string | null; target: string | null; timeZone: string };

/**
 * The trade on candles built from imported ticks (or bars), with its fills, stop, target,
 * MAE and MFE; the SVG fills chart when there is no market data around the trade.
 */
export function TradeChart({ trade, stop, target, timeZone }: Props) {
  // An open trade's chart runs to when the page opened; fixed so the request stays the same.
  const [end] = useState(() => trade.closedAt ?? Date.now());
  const [interval, setInterval] = useState<CandleInterval>(() => intervalForHolding(end - trade.openedAt));
  const range = chartWindow(trade.openedAt, end, interval);
  // Ticks imported (or synced in) while the trade is open redraw its chart and excursion.
  const watch = { symbol: trade.symbol };
  const candles = useRemote('ticks.candles', { symbol: trade.symbol, ...range, interval }, ['executions'], watch);
  const excursion = useRemote('ticks.excursion', { tradeId: trade.id }, ['trades', 'executions'], watch);
  const theme = useThemeName();
  const series = candles.value;
  const found = excursion.value?.excursion ?? null;

  const chart = useMemo(() => {
    if (!series || series.candles.length === 0) return null;
    const c = readPalette();
    const colors = { entry: c.accent, exit: c.warn, mae: c.loss, mfe: c.gain };
    return {
      candles: chartCandles(series.candles, interval, timeZone),
      markers: tradeMarkers(trade, found, interval, timeZone, colors),
    };
    // theme: the palette is read again when it changes.
  }, [series, trade, found, interval, timeZone, theme]);

  const levels = useMemo(() => chartLevels(stop, target, found), [stop, target, found]);

  if (candles.error !== null || (series && series.candles.length === 0))
    return <PriceChart trade={trade} stop={stop} target={target} timeZone={timeZone} />;
  return (
    <section className="card" aria-labelledby="chart-title" data-testid="trade-chart">
      <header className="card__header">
        <h2 id="chart-title">Chart</h2>
        <span className="chart-legend cell-muted">
          {series?.source === 'bars' ? 'from imported bars' : 'from ticks'}
          {levels.map((l) => (
            <span key={l.title} className={`chart-legend__${l.tone}`} data-testid={`chart-${l.title.toLowerCase()}`}>
              {' '}
              — {l.title.toLowerCase()}
            </span>
          ))}
        </span>
        <div className="interval-picker" role="group" aria-label="Candle interval">
          {CANDLE_INTERVALS.map((i) => (
            <button
              key={i}
              type="button"
              className="interval-picker__item"
              aria-pressed={i === interval}
              onClick={() => setInterval(i)}
            >
              {i}
            </button>
          ))}
        </div>
      </header>
      {chart ? (
        <CandleChart
          candles={chart.candles}
          markers={chart.markers}
          levels={levels}
          label={`${trade.symbol} ${interval} candles with ${trade.executions.length} fills${stop ? `, stop ${stop}` : ''}${target ? `, target ${target}` : ''}${found ? `, MAE ${found.mae.price}, MFE ${found.mfe.price}` : ''}`}
        />
      ) : (
        <p className="card__body cell-muted">Loading the chart…</p>
      )}
      <ExcursionFigures excursion={found} />
    </section>
  );
}

function chartLevels(stop: string | null, target: string | null, found: TradeExcursion | null): ChartLevel[] {
  const levels: ChartLevel[] = [];
  if (stop !== null) levels.push({ price: Number(stop), title: 'Stop', tone: 'loss' });
  if (target !== null) levels.push({ price: Number(target), title: 'Target', tone: 'gain' });
  if (found) {
    levels.push({ price: Number(found.mae.price), title: 'MAE', tone: 'muted' });
    levels.push({ price: Number(found.mfe.price), title: 'MFE', tone: 'muted' });
  }
  return levels;
}

/** MAE, MFE and efficiency under the chart: money, R when the trade has a risk, and price. */
function ExcursionFigures({ excursion }: { excursion: TradeExcursion | null }) {
  if (!excursion) return null;
  // MAE is a move against the trade: shown as a loss, MFE as a gain.
  const point = (label: string, p: TradeExcursion['mae'], testId: string, against: boolean) => {
    const signed = (v: string) => (against && !isZeroText(v) ? `-${v}` : v);
    return (
      <div className="excursion__figure" data-testid={testId}>
        <dt>{label}</dt>
        <dd title={`at ${p.price}`}>
          {formatMoney(signed(p.amount), excursion.currency)}
          {p.r !== null && <> · {formatR(signed(p.r))}</>} · {formatPrice(p.points)} pts
        </dd>
      </div>
    );
  };
  return (
    <dl className="excursion card__body" aria-label="Excursions while the trade was open">
      {point('MAE (worst)', excursion.mae, 'mae', true)}
      {point('MFE (best)', excursion.mfe, 'mfe', false)}
      <div className="excursion__figure" data-testid="efficiency">
        <dt>Efficiency</dt>
        <dd title="Realised move ÷ best move while open">
          {excursion.efficiency === null ? 'n/a' : `${Math.round(excursion.efficiency * 100)}%`}
        </dd>
      </div>
    </dl>
  );
}

function isZeroText(value: string): boolean {
  return Number(value) === 0;
}
