import { compare, isZero, mul, sign, sub } from '../money';
import type { Decimal, Trade } from '../types';
import { ratio } from './ratios';

/** What excursions need of a trade. */
export type ExcursionTrade = Pick<
  Trade,
  'side' | 'entryPrice' | 'exitPrice' | 'quantity' | 'multiplier' | 'openedAt' | 'closedAt'
>;

/** One trade print: `ts` in µs since the epoch (ticks keep the source's precision). */
export type Tick = { ts: number; price: number };

/** A move from the entry price, ≥ 0: in price points and in money (points × quantity × multiplier). */
export type Excursion = { points: Decimal; amount: Decimal };

/** How far price went against (MAE) and for (MFE) a position while it was open. */
export type Excursions = {
  /** Ticks inside the trade's window; 0 means MAE/MFE only reflect the exit price. */
  ticks: number;
  mae: Excursion;
  mfe: Excursion;
  /** Realised move ÷ MFE in points (1 = exited at the best price, < 0 for a loser); null if MFE is 0 or still open. */
  efficiency: number | null;
};

/**
 * MAE, MFE and efficiency of a trade from ticks between its open and close (inclusive; to the
 * last tick while open). The exit fill counts as a price the trade saw, so sparse ticks cannot
 * leave the MFE below the realised move. Tick prices are floats; each extreme is read as the
 * shortest decimal that round-trips ("4501.25"), then everything is exact.
 */
export function computeExcursions(trade: ExcursionTrade, ticks: readonly Tick[]): Excursions {
  const from = trade.openedAt * 1000;
  const to = trade.closedAt === null ? Number.POSITIVE_INFINITY : trade.closedAt * 1000;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let seen = 0;
  for (const { ts, price } of ticks) {
    if (ts < from || ts > to || !Number.isFinite(price)) continue;
    seen++;
    if (price < low) low = price;
    if (price > high) high = price;
  }
  const entry = trade.entryPrice;
  const exit = trade.exitPrice;
  let lowest = seen > 0 ? String(low) : entry;
  let highest = seen > 0 ? String(high) : entry;
  if (exit !== null) {
    if (compare(exit, lowest) < 0) lowest = exit;
    if (compare(exit, highest) > 0) highest = exit;
  }
  const long = trade.side === 'long';
  const adverse = atLeastZero(long ? sub(entry, lowest) : sub(highest, entry));
  const favourable = atLeastZero(long ? sub(highest, entry) : sub(entry, lowest));
  const size = mul(trade.quantity, trade.multiplier);
  const realised = exit === null ? null : long ? sub(exit, entry) : sub(entry, exit);
  return {
    ticks: seen,
    mae: { points: adverse, amount: mul(adverse, size) },
    mfe: { points: favourable, amount: mul(favourable, size) },
    efficiency: realised === null || isZero(favourable) ? null : ratio(Number(realised), Number(favourable)),
  };
}

function atLeastZero(value: Decimal): Decimal {
  return sign(value) < 0 ? '0' : value;
}
