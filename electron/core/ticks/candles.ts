import type { Database } from 'better-sqlite3';
import type { CandleSeries, ParsedInput, SymbolCoverage } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import { CANDLE_INTERVAL_MS, type Candle } from '../../../shared/ticks/intervals';

/** More candles than any chart draws; a wider request is refused rather than scanned. */
const MAX_CANDLES = 50_000;

/**
 * Candles for a symbol and range, built on demand: from ticks (grouped by SQLite over one
 * range scan of the key), else from the imported bars whose length best fits the
 * interval. Buckets are UTC-aligned.
 */
export function candlesFor(db: Database, input: ParsedInput<'ticks.candles'>): CandleSeries {
  const symbol = input.symbol.toUpperCase();
  const step = CANDLE_INTERVAL_MS[input.interval];
  if ((input.to - input.from) / step > MAX_CANDLES)
    throw new CoreError('INVALID_INPUT', `That range holds more than ${MAX_CANDLES} candles; pick a longer interval.`);
  const fromTicks = tickCandles(db, symbol, input.from, input.to, step);
  if (fromTicks.length > 0) return { symbol, interval: input.interval, source: 'ticks', candles: fromTicks };
  const period = barPeriodFor(db, symbol, input.from, input.to, step);
  if (period === null) return { symbol, interval: input.interval, source: null, candles: [] };
  const bars = db
    .prepare(
      `SELECT ts, open, high, low, close, volume FROM bars
       WHERE symbol = ? AND period_ms = ? AND ts >= ? AND ts < ? ORDER BY ts`,
    )
    .raw()
    .iterate(symbol, period, input.from, input.to) as IterableIterator<
    [number, number, number, number, number, number]
  >;
  return { symbol, interval: input.interval, source: 'bars', candles: mergeBars(bars, Math.max(step, period)) };
}

/**
 * Ticks → candles of `step` ms: SQLite groups the range (high, low, volume, first and last
 * µs per bucket) in one pass of the key, then the open and close are two key lookups per
 * candle (the first and last print by (ts, seq)), which a GROUP BY cannot pick by itself.
 */
function tickCandles(db: Database, symbol: string, from: number, to: number, step: number): Candle[] {
  const groups = db
    .prepare(
      `SELECT ts / CAST(@stepUs AS INTEGER) AS bucket, max(price) AS high, min(price) AS low, sum(size) AS volume,
              min(ts) AS first, max(ts) AS last
       FROM ticks WHERE symbol = @symbol AND ts >= @from AND ts < @to GROUP BY bucket ORDER BY bucket`,
    )
    .all({ symbol, from: from * 1000, to: to * 1000, stepUs: step * 1000 }) as {
    bucket: number;
    high: number;
    low: number;
    volume: number;
    first: number;
    last: number;
  }[];
  const open = db.prepare(`SELECT price FROM ticks WHERE symbol = ? AND ts = ? ORDER BY seq LIMIT 1`).pluck();
  const close = db.prepare(`SELECT price FROM ticks WHERE symbol = ? AND ts = ? ORDER BY seq DESC LIMIT 1`).pluck();
  return groups.map((g) => ({
    time: g.bucket * step,
    open: open.get(symbol, g.first) as number,
    high: g.high,
    low: g.low,
    close: close.get(symbol, g.last) as number,
    volume: g.volume,
  }));
}

/** Bars in time order → candles of `step` ms (bars of that length pass through). */
function mergeBars(rows: Iterable<[number, number, number, number, number, number]>, step: number): Candle[] {
  const candles: Candle[] = [];
  let current: Candle | null = null;
  for (const [ts, open, high, low, close, volume] of rows) {
    const time = Math.floor(ts / step) * step;
    if (current === null || current.time !== time) {
      current = { time, open, high, low, close, volume };
      candles.push(current);
    } else {
      current.high = Math.max(current.high, high);
      current.low = Math.min(current.low, low);
      current.close = close;
      current.volume += volume;
    }
  }
  return candles;
}

/** The longest bar length not over `step` with bars in the range, else the shortest there is; null: no bars. */
function barPeriodFor(db: Database, symbol: string, from: number, to: number, step: number): number | null {
  const periods = db
    .prepare(`SELECT DISTINCT period_ms FROM bars WHERE symbol = ? AND ts >= ? AND ts < ? ORDER BY period_ms`)
    .pluck()
    .all(symbol, from, to) as number[];
  const fitting = periods.filter((p) => p <= step);
  return fitting[fitting.length - 1] ?? periods[0] ?? null;
}

/** Symbols with market data: tick days come from the sync chunk table, exact ends from the key. */
export function coverage(db: Database, symbol?: string): SymbolCoverage[] {
  const only = symbol?.toUpperCase() ?? null;
  const out = new Map<string, SymbolCoverage>();
  const entry = (s: string) => {
    let e = out.get(s);
    if (!e) out.set(s, (e = { symbol: s, ticks: null, bars: null }));
    return e;
  };
  const tickDays = db
    .prepare(`SELECT symbol, count(*) AS days FROM tick_chunks WHERE @only IS NULL OR symbol = @only GROUP BY symbol`)
    .all({ only }) as { symbol: string; days: number }[];
  const ends = db.prepare(`SELECT min(ts) AS first, max(ts) AS last FROM ticks WHERE symbol = ?`);
  for (const { symbol: s, days } of tickDays) {
    const { first, last } = ends.get(s) as { first: number | null; last: number | null };
    if (first !== null && last !== null)
      entry(s).ticks = { from: Math.floor(first / 1000), to: Math.floor(last / 1000), days };
  }
  const bars = db
    .prepare(
      `SELECT symbol, period_ms AS period, min(ts) AS first, max(ts) AS last, count(*) AS n FROM bars
       WHERE @only IS NULL OR symbol = @only GROUP BY symbol, period_ms ORDER BY symbol, period_ms`,
    )
    .all({ only }) as { symbol: string; period: number; first: number; last: number; n: number }[];
  for (const b of bars) {
    const e = entry(b.symbol);
    const prev = e.bars;
    e.bars = prev
      ? {
          from: Math.min(prev.from, b.first),
          to: Math.max(prev.to, b.last),
          count: prev.count + b.n,
          periodsMs: [...prev.periodsMs, b.period],
        }
      : { from: b.first, to: b.last, count: b.n, periodsMs: [b.period] };
  }
  return [...out.values()].sort((a, b) => a.symbol.localeCompare(b.symbol));
}
