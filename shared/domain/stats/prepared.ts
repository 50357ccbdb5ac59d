import { readColumns, type Columns } from './columns';
import { statsOfColumns } from './compute-stats';
import type { MoneyColumns } from './money-columns';
import { Scratch } from './scratch';
import type { JournalStats, StatsOptions, StatsTrade } from './types';

/**
 * A journal's trades read into the engine's columns once (decimal strings parsed, ids
 * interned), so stats of any selection of them pick from the columns instead of reading
 * the trade objects again: reading was over half of a 100k-trade `computeStats`. The core
 * holds one per projection revision (electron/core/journal/stats-projection.ts).
 */
export class PreparedStats {
  private readonly columns: Columns;
  /** Closed row of each input trade, −1 for an open one. */
  private readonly closedRow: Int32Array;
  /** Tag entries of closed row k are tagStart[k] to tagStart[k + 1] − 1. */
  private readonly tagStart: Int32Array;

  /** How many trades were read. */
  readonly size: number;

  /** Reads `trades` (any order; throws on a malformed decimal, as computeStats does); keeps no reference to them. */
  constructor(trades: readonly StatsTrade[]) {
    this.size = trades.length;
    // A pool of its own that starts empty: every column is a fresh array the engine's reuse cannot overwrite.
    this.columns = readColumns(trades, new Scratch());
    this.closedRow = new Int32Array(trades.length).fill(-1);
    const { positions, tag } = this.columns;
    for (let k = 0; k < positions.length; k++) this.closedRow[positions[k] ?? 0] = k;
    this.tagStart = new Int32Array(positions.length + 1);
    // Entries come in row order (readColumns adds a trade's tags as it reads the trade).
    const rows = tag.rows ?? new Int32Array(0);
    const starts = this.tagStart;
    for (let e = 0; e < rows.length; e++) {
      const at = (rows[e] ?? 0) + 1;
      starts[at] = (starts[at] ?? 0) + 1;
    }
    for (let k = 0; k < positions.length; k++) starts[k + 1] = (starts[k + 1] ?? 0) + (starts[k] ?? 0);
  }

  /**
   * computeStats of the trades at `selected` (input positions, ascending), or of all of them
   * when null: the same figures, as the property tests check.
   */
  stats(selected: Int32Array | null, options: StatsOptions): JournalStats {
    if (selected === null) return statsOfColumns(() => this.columns, this.size, options);
    return statsOfColumns((scratch) => this.pick(selected, scratch), selected.length, options);
  }

  /** The columns of the closed trades among `selected`, in their order, with every key kept. */
  private pick(selected: Int32Array, scratch: Scratch): Columns {
    const all = this.columns;
    const rows = scratch.i32(selected.length);
    let n = 0;
    let tagEntries = 0;
    for (let i = 0; i < selected.length; i++) {
      const k = this.closedRow[selected[i] ?? 0] ?? -1;
      if (k < 0) continue;
      rows[n++] = k;
      tagEntries += (this.tagStart[k + 1] ?? 0) - (this.tagStart[k] ?? 0);
    }
    const ks = rows.subarray(0, n);
    const ids: string[] = [];
    for (let j = 0; j < n; j++) ids.push(all.ids[ks[j] ?? 0] ?? '');
    const tagOf = scratch.i32(tagEntries);
    const tagRows = scratch.i32(tagEntries);
    const allTagOf = all.tag.of;
    let e = 0;
    for (let j = 0; j < n; j++) {
      const k = ks[j] ?? 0;
      for (let from = this.tagStart[k] ?? 0, to = this.tagStart[k + 1] ?? 0; from < to; from++) {
        tagOf[e] = allTagOf[from] ?? 0;
        tagRows[e++] = j;
      }
    }
    return {
      positions: pickInto(scratch.i32(n), all.positions, ks),
      ids,
      openedAt: pickInto(scratch.f64(n), all.openedAt, ks),
      closedAt: pickInto(scratch.f64(n), all.closedAt, ks),
      money: pickMoney(all.money, ks, scratch),
      outcome: pickInto(scratch.i8(n), all.outcome, ks),
      r: pickInto(scratch.f64(n), all.r, ks),
      rScale: all.rScale,
      side: pickInto(scratch.i32(n), all.side, ks),
      playbook: { keys: all.playbook.keys, of: pickInto(scratch.i32(n), all.playbook.of, ks), rows: null },
      symbol: { keys: all.symbol.keys, of: pickInto(scratch.i32(n), all.symbol.of, ks), rows: null },
      tag: { keys: all.tag.keys, of: tagOf, rows: tagRows },
      openTrades: selected.length - n,
    };
  }
}

type NumberArray = Float64Array | Int32Array | Int8Array;

/** into[j] = from[ks[j]]. */
function pickInto<A extends NumberArray>(into: A, from: A, ks: Int32Array): A {
  for (let j = 0; j < ks.length; j++) into[j] = from[ks[j] ?? 0] ?? 0;
  return into;
}

function pickMoney(money: MoneyColumns, ks: Int32Array, scratch: Scratch): MoneyColumns {
  if (money.kind === 'number') {
    const n = ks.length;
    const { scale, net, gross, fees } = money;
    return {
      kind: 'number',
      scale,
      net: pickInto(scratch.f64(n), net, ks),
      gross: pickInto(scratch.f64(n), gross, ks),
      fees: pickInto(scratch.f64(n), fees, ks),
    };
  }
  const pick = (column: bigint[]) => Array.from(ks, (k) => column[k] ?? 0n);
  return { kind: 'bigint', scale: money.scale, net: pick(money.net), gross: pick(money.gross), fees: pick(money.fees) };
}
