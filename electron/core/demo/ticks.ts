import type { Database } from 'better-sqlite3';
import type { DemoTrade } from './generate';
import { Random } from './random';
import { tickScale } from './scaled';

const STEP_MS = 5_000;
const MARGIN_MS = 15 * 60_000;

/** Market data around some demo trades: a print every 5 s from 15 min before entry to 15 min after exit. */
export function writeDemoTicks(db: Database, trades: readonly DemoTrade[]): number {
  const insert = db.prepare(`INSERT OR IGNORE INTO ticks (symbol, ts, seq, price, size) VALUES (?, ?, 0, ?, ?)`);
  const rng = new Random(trades.length + 17);
  let written = 0;
  for (const t of trades) {
    const first = t.fills[0];
    const last = t.fills[t.fills.length - 1];
    if (!first || !last) continue;
    const { step, decimals } = tickScale(t.instrument.tick);
    const toPrice = (ticks: number) => (ticks * step) / 10 ** decimals;
    const start = first.at - MARGIN_MS;
    const end = last.at + MARGIN_MS;
    for (let at = start; at <= end; at += STEP_MS) {
      const progress = Math.min(1, Math.max(0, (at - first.at) / Math.max(1, last.at - first.at)));
      const anchor = first.priceTicks + (last.priceTicks - first.priceTicks) * progress;
      const ticks = Math.round(anchor + rng.gauss() * 3);
      insert.run(t.instrument.symbol, at * 1000, toPrice(ticks), rng.int(1, 20));
      written++;
    }
  }
  return written;
}
