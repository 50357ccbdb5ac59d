/** Candle lengths a chart can ask for. */
export const CANDLE_INTERVALS = ['1s', '1m', '5m', '15m', '1h', '1d'] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

export const CANDLE_INTERVAL_MS: Readonly<Record<CandleInterval, number>> = {
  '1s': 1_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/** One candle; `time` is the bucket's start in ms since the epoch (days are UTC days). */
export type Candle = { time: number; open: number; high: number; low: number; close: number; volume: number };

/**
 * The interval that shows a trade held `holdingMs` in roughly 20–120 candles: the shortest
 * whose candle count over the holding time stays at or under 120.
 */
export function intervalForHolding(holdingMs: number): CandleInterval {
  for (const interval of CANDLE_INTERVALS) {
    if (holdingMs / CANDLE_INTERVAL_MS[interval] <= 120) return interval;
  }
  return '1d';
}

/** The time range a trade's chart shows: the trade plus margins of half its length, at least 30 candles each side. */
export function chartWindow(
  openedAt: number,
  closedAt: number,
  interval: CandleInterval,
): { from: number; to: number } {
  const step = CANDLE_INTERVAL_MS[interval];
  const margin = Math.max((closedAt - openedAt) / 2, 30 * step);
  const from = Math.floor((openedAt - margin) / step) * step;
  const to = Math.ceil((closedAt + margin) / step) * step + step;
  return { from: Math.max(0, from), to };
}
