import type { TradeExcursion } from '../../../../shared/contract';
import type { TradeDetail } from '../../../../shared/domain/types';
import { timeZoneOffsetMs } from '../../../../shared/import/time';
import { CANDLE_INTERVAL_MS, type Candle, type CandleInterval } from '../../../../shared/ticks/intervals';

/** Seconds on the chart's axis: UTC shifted into the display zone, since the chart shows its times as UTC. */
export type ChartSeconds = number;

export type ChartCandle = Omit<Candle, 'time'> & { time: ChartSeconds };

/** A marker as lightweight-charts takes it (price-anchored: fills sit at their own price). */
export type ChartMarker = {
  time: ChartSeconds;
  shape: 'arrowUp' | 'arrowDown' | 'circle';
  color: string;
  text: string;
  id: string;
} & ({ position: 'atPriceMiddle'; price: number } | { position: 'aboveBar' | 'belowBar' });

/** Entries and exits by colour (side by arrow direction), MAE and MFE by colour. */
export type MarkerColors = { entry: string; exit: string; mae: string; mfe: string };

/** ms → the chart's seconds. Day candles stay on UTC days, so their date does not slip. */
export function toChartTime(ms: number, interval: CandleInterval, timeZone: string): ChartSeconds {
  const shift = interval === '1d' ? 0 : timeZoneOffsetMs(timeZone, ms);
  return Math.floor((ms + shift) / 1000);
}

/** Candles on the chart's axis. */
export function chartCandles(candles: readonly Candle[], interval: CandleInterval, timeZone: string): ChartCandle[] {
  return candles.map((c) => ({ ...c, time: toChartTime(c.time, interval, timeZone) }));
}

/** The start of the candle holding `ms`: markers must sit on a candle's time. */
function bucketOf(ms: number, interval: CandleInterval): number {
  const step = CANDLE_INTERVAL_MS[interval];
  return Math.floor(ms / step) * step;
}

/**
 * Entry and exit markers for every fill of the trade (partials each get one), at the fill's
 * price, plus MAE/MFE circles where the extremes happened. Sorted by time, as the chart needs.
 */
export function tradeMarkers(
  trade: TradeDetail,
  excursion: TradeExcursion | null,
  interval: CandleInterval,
  timeZone: string,
  colors: MarkerColors,
): ChartMarker[] {
  const roles = new Map(trade.legs.map((l) => [l.executionId, l.role]));
  const at = (ms: number) => toChartTime(bucketOf(ms, interval), interval, timeZone);
  const markers: ChartMarker[] = trade.executions.map((e) => {
    const role = roles.get(e.id) ?? 'open';
    const buy = e.side === 'buy';
    const marker: ChartMarker = {
      id: `fill-${e.id}`,
      time: at(e.executedAt),
      position: 'atPriceMiddle',
      price: Number(e.price),
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: role === 'open' ? colors.entry : colors.exit,
      text: `${role === 'open' ? 'Entry' : 'Exit'} ${buy ? 'buy' : 'sell'} ${e.quantity} @ ${e.price}`,
    };
    return marker;
  });
  if (excursion) {
    const long = trade.side === 'long';
    markers.push(
      {
        id: 'mae',
        time: at(excursion.mae.at),
        position: long ? 'belowBar' : 'aboveBar',
        shape: 'circle',
        color: colors.mae,
        text: `MAE ${excursion.mae.price}`,
      },
      {
        id: 'mfe',
        time: at(excursion.mfe.at),
        position: long ? 'aboveBar' : 'belowBar',
        shape: 'circle',
        color: colors.mfe,
        text: `MFE ${excursion.mfe.price}`,
      },
    );
  }
  return markers.sort((a, b) => a.time - b.time);
}
