import type { Database } from 'better-sqlite3';
import type { TradeExcursion } from '../../../shared/contract';
import { add, sub } from '../../../shared/domain/money';
import { computeRMultiple } from '../../../shared/domain/pnl/r-multiple';
import { computeExcursions, type Tick } from '../../../shared/domain/stats';
import type { Trade } from '../../../shared/domain/types';

/**
 * MAE/MFE of a trade from the ticks printed while it was open (to the last tick while it
 * still is), with where each extreme happened for the chart. R is the move ÷ the trade's
 * planned risk (risk amount, else entry-to-stop), null when neither is set.
 */
export function tradeExcursion(db: Database, trade: Trade): TradeExcursion | null {
  const to = trade.closedAt === null ? Number.MAX_SAFE_INTEGER : trade.closedAt * 1000;
  const ticks = db
    .prepare(`SELECT ts, price FROM ticks WHERE symbol = ? AND ts >= ? AND ts <= ? ORDER BY ts, seq`)
    .all(trade.symbol, trade.openedAt * 1000, to) as Tick[];
  if (ticks.length === 0) return null;
  const figures = computeExcursions(trade, ticks);
  const long = trade.side === 'long';
  const maePrice = long ? sub(trade.entryPrice, figures.mae.points) : add(trade.entryPrice, figures.mae.points);
  const mfePrice = long ? add(trade.entryPrice, figures.mfe.points) : sub(trade.entryPrice, figures.mfe.points);
  const r = (amount: string) => computeRMultiple({ ...trade, netPnl: amount });
  return {
    ticks: figures.ticks,
    mae: { ...figures.mae, r: r(figures.mae.amount), price: maePrice, at: whenAt(ticks, maePrice, trade) },
    mfe: { ...figures.mfe, r: r(figures.mfe.amount), price: mfePrice, at: whenAt(ticks, mfePrice, trade) },
    efficiency: figures.efficiency,
    currency: trade.currency,
  };
}

/** The first tick at a price (ms), else the exit (the exit fill set the extreme), else the entry. */
function whenAt(ticks: readonly Tick[], price: string, trade: Trade): number {
  const target = Number(price);
  const hit = ticks.find((t) => t.price === target);
  if (hit) return Math.floor(hit.ts / 1000);
  return trade.closedAt ?? trade.openedAt;
}
