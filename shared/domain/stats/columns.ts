import { Interner, type Dimension } from './dimension';
import { PlainColumn, plainMoney, readBigColumns, type MoneyColumns } from './money-columns';
import type { Scratch } from './scratch';
import type { StatsTrade } from './types';

/**
 * The closed trades as typed columns, in input order, read in one pass over the trade
 * objects (every later pass works on these arrays). Entry k is the k-th closed trade.
 */
export type Columns = {
  /** Position in the input of each closed trade. */
  positions: Int32Array;
  ids: string[];
  openedAt: Float64Array;
  /** closedAt, or openedAt for a closed trade that lacks one. */
  closedAt: Float64Array;
  money: MoneyColumns;
  /** Sign of net P&L. */
  outcome: Int8Array;
  /** R multiple × 10^rScale (an integer, so sums are exact), NaN when the trade has none. */
  r: Float64Array;
  rScale: number;
  /** 0 = long, 1 = short. */
  side: Int32Array;
  playbook: Dimension<string | null>;
  symbol: Dimension<string>;
  tag: Dimension<string | null>;
  openTrades: number;
};

/** Reads the closed trades into columns and counts the open ones. */
export function readColumns(trades: readonly StatsTrade[], scratch: Scratch): Columns {
  const capacity = trades.length;
  const ids = new Array<string>(capacity);
  const openedAt = scratch.f64(capacity);
  const closedAt = scratch.f64(capacity);
  const side = scratch.i32(capacity);
  const playbook = scratch.i32(capacity);
  const symbol = scratch.i32(capacity);
  const rows = scratch.i32(capacity);
  const playbooks = new Interner<string | null>();
  const symbols = new Interner<string>();
  const tags = new Interner<string | null>();
  const tagEntries = new TagEntries(scratch.i32(capacity * 2), scratch.i32(capacity * 2));
  const net = new PlainColumn(scratch, capacity);
  const gross = new PlainColumn(scratch, capacity);
  const fees = new PlainColumn(scratch, capacity);
  const r = new PlainColumn(scratch, capacity);
  let plain = true;
  let n = 0;
  for (let i = 0; i < capacity; i++) {
    const t = trades[i];
    if (t === undefined || t.status !== 'closed') continue;
    const k = n++;
    rows[k] = i;
    ids[k] = t.id;
    openedAt[k] = t.openedAt;
    closedAt[k] = t.closedAt ?? t.openedAt;
    if (plain) plain = net.read(k, t.netPnl) && gross.read(k, t.grossPnl) && fees.read(k, t.fees);
    if (t.rMultiple === null) r.skip(k);
    else r.read(k, t.rMultiple);
    side[k] = t.side === 'long' ? 0 : 1;
    playbook[k] = playbooks.of(t.playbookId);
    symbol[k] = symbols.of(t.symbol);
    const tagIds = t.tagIds;
    if (tagIds.length === 0) tagEntries.add(tags.of(null), k);
    for (const tagId of tagIds) tagEntries.add(tags.of(tagId), k);
  }
  ids.length = n;
  const closedRows = rows.subarray(0, n);
  const money = (plain ? plainMoney(net, gross, fees, n) : null) ?? readBigColumns(trades, closedRows);
  const rUnits = r.rescaled(n, r.scale);
  return {
    positions: closedRows,
    ids,
    openedAt: openedAt.subarray(0, n),
    closedAt: closedAt.subarray(0, n),
    money,
    outcome: outcomes(money, scratch),
    r: rUnits ?? floatR(trades, closedRows),
    rScale: rUnits === null ? 0 : r.scale,
    side: side.subarray(0, n),
    playbook: { keys: playbooks.keys, of: playbook.subarray(0, n), rows: null },
    symbol: { keys: symbols.keys, of: symbol.subarray(0, n), rows: null },
    tag: {
      keys: tags.keys,
      of: tagEntries.of.subarray(0, tagEntries.size),
      rows: tagEntries.rows.subarray(0, tagEntries.size),
    },
    openTrades: capacity - n,
  };
}

/** R as plain floats, for R multiples too long or too many to sum exactly as integers. */
function floatR(trades: readonly StatsTrade[], rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (row) => {
    const text = trades[row]?.rMultiple ?? null;
    return text === null ? Number.NaN : Number(text);
  });
}

/** (tag bucket, trade) pairs, in typed arrays that double when full. */
class TagEntries {
  of: Int32Array;
  rows: Int32Array;
  size = 0;

  constructor(of: Int32Array, rows: Int32Array) {
    this.of = of;
    this.rows = rows;
  }

  add(bucket: number, row: number): void {
    if (this.size === this.of.length) {
      const of = new Int32Array(this.size * 2 + 16);
      of.set(this.of);
      const rows = new Int32Array(this.size * 2 + 16);
      rows.set(this.rows);
      this.of = of;
      this.rows = rows;
    }
    this.of[this.size] = bucket;
    this.rows[this.size++] = row;
  }
}

function outcomes(money: MoneyColumns, scratch: Scratch): Int8Array {
  const outcome = scratch.i8(money.net.length);
  if (money.kind === 'number') {
    for (let k = 0; k < money.net.length; k++) {
      const v = money.net[k] ?? 0;
      outcome[k] = v > 0 ? 1 : v < 0 ? -1 : 0;
    }
  } else {
    for (let k = 0; k < money.net.length; k++) {
      const v = money.net[k] ?? 0n;
      outcome[k] = v > 0n ? 1 : v < 0n ? -1 : 0;
    }
  }
  return outcome;
}
