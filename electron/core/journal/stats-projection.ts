import type { Database } from 'better-sqlite3';
import type { TradeFilter } from '../../../shared/contract';
import { filterPositions, filterTrades, PreparedStats } from '../../../shared/domain/stats';
import type { RowChanges, Store } from './store';
import { readStatsTrades, type Conversion, type ProjectedTrade } from './stats-rows';

/** More changed rows than this in one go (an import, a bulk tag, new rates) reload everything. */
const PATCH_LIMIT = 5_000;
/** Up to this many changed trades are moved one by one in the sorted list; more re-sort it. */
const SPLICE_LIMIT = 200;
/** Ids bound per `IN (...)` (SQLite allows 32766 parameters). */
const CHUNK = 500;

type State = {
  /** The conversion the money was worked out with. */
  key: string;
  /** Converted trades in close order (closedAt ?? openedAt, then id), so the engine skips its sort. */
  sorted: ProjectedTrade[];
  /** Trades with no rate to the base currency: only counted. */
  unconverted: Map<string, ProjectedTrade>;
  byId: Map<string, ProjectedTrade>;
  /** `sorted` read into the engine's columns, made at the first pick after a change. */
  prepared: PreparedStats | null;
};

/** A selection of the converted trades, as positions in prepared columns (null: all of them). */
export type StatsSelection = { prepared: PreparedStats; positions: Int32Array | null; unconverted: number };

/**
 * The stats columns of every live trade, held in memory for the open journal so a
 * dashboard refresh costs the filter and the engine, not a 100k-row SQL read. Loaded on
 * the first `select`; kept correct by the store's row changes: the trades (and the trades
 * of the trade-tag links) a mutation wrote are read again by id at the next `select`, and
 * anything bulk or a new base currency/rate reloads it all. It reads only `trades` and
 * `trade_tags`: other tables reach stats only through writes to those (deleting a tag
 * removes its links, a playbook's trades are updated, an account's trades removed).
 * A restored journal gets new services, so it starts empty.
 */
export class StatsProjection {
  private state: State | null = null;
  private readonly dirtyTrades = new Set<string>();
  private readonly dirtyLinks = new Set<string>();
  /** Full loads so far (tests and the bench read it). */
  loads = 0;
  /** Bumped whenever the held trades change: a result computed at the same revision is still right. */
  private revision = 0;

  constructor(
    private readonly db: Database,
    store: Store,
  ) {
    store.onChange((_, rows) => this.note(rows));
  }

  /** Brings the projection up to date and says which revision of it that is. */
  current(conversion: Conversion): number {
    this.state = this.upToDate(conversion);
    return this.revision;
  }

  /** The live trades the filter selects, split into those stats can sum and those they only count. */
  select(filter: TradeFilter, conversion: Conversion): { trades: ProjectedTrade[]; unconverted: ProjectedTrade[] } {
    const state = this.upToDate(conversion);
    return {
      trades: filterTrades(state.sorted, filter, storedOutcome),
      unconverted: filterTrades([...state.unconverted.values()], filter, storedOutcome),
    };
  }

  /**
   * The same selection as `select`, for the engine: positions in columns read once per
   * revision, so a refresh parses no decimal strings. After a change the next pick reads
   * the columns again (a full read, ~the cost of one computeStats).
   */
  pick(filter: TradeFilter, conversion: Conversion): StatsSelection {
    const state = this.upToDate(conversion);
    state.prepared ??= new PreparedStats(state.sorted);
    return {
      prepared: state.prepared,
      positions: filterPositions(state.sorted, filter, storedOutcome),
      unconverted: filterTrades([...state.unconverted.values()], filter, storedOutcome).length,
    };
  }

  private note(rows: RowChanges): void {
    if (this.state === null) return;
    for (const [entity, ids] of rows) {
      if (entity !== 'trades' && entity !== 'trade_tags') continue;
      if (ids === null) return this.drop();
      const into = entity === 'trades' ? this.dirtyTrades : this.dirtyLinks;
      for (const id of ids) into.add(id);
    }
    if (this.dirtyTrades.size + this.dirtyLinks.size > PATCH_LIMIT) this.drop();
  }

  private drop(): void {
    this.state = null;
    this.dirtyTrades.clear();
    this.dirtyLinks.clear();
  }

  private upToDate(conversion: Conversion): State {
    const key = conversionKey(conversion);
    if (this.state === null || this.state.key !== key) {
      this.drop();
      this.state = this.load(key, conversion);
    } else if (this.dirtyTrades.size > 0 || this.dirtyLinks.size > 0) {
      this.patch(this.state, conversion);
    }
    return this.state;
  }

  private load(key: string, conversion: Conversion): State {
    this.loads++;
    this.revision++;
    const state: State = { key, sorted: [], unconverted: new Map(), byId: new Map(), prepared: null };
    for (const trade of readStatsTrades(this.db, 't.deleted_hlc IS NULL', [], conversion)) {
      state.byId.set(trade.id, trade);
      if (trade.converted) state.sorted.push(trade);
      else state.unconverted.set(trade.id, trade);
    }
    state.sorted.sort(inCloseOrder);
    return state;
  }

  /** Reads the changed trades again (by id; a removed one is not found) and swaps them in. */
  private patch(state: State, conversion: Conversion): void {
    const ids = new Set(this.dirtyTrades);
    // A link's trade never changes (links are inserted, removed and revived, not moved).
    for (const chunk of chunks([...this.dirtyLinks])) {
      const sql = `SELECT trade_id FROM trade_tags WHERE id IN (${marks(chunk)})`;
      for (const id of this.db
        .prepare(sql)
        .pluck()
        .all(...chunk) as string[])
        ids.add(id);
    }
    this.dirtyTrades.clear();
    this.dirtyLinks.clear();
    const fresh: ProjectedTrade[] = [];
    for (const chunk of chunks([...ids])) {
      const where = `t.id IN (${marks(chunk)}) AND t.deleted_hlc IS NULL`;
      for (const trade of readStatsTrades(this.db, where, chunk, conversion)) {
        // A change stats do not see (notes, a rating, a screenshot's link) leaves the trade as it was.
        const old = state.byId.get(trade.id);
        if (old !== undefined && sameStats(old, trade)) ids.delete(trade.id);
        else fresh.push(trade);
      }
    }
    if (ids.size === 0) return;
    this.revision++;
    state.prepared = null;
    const removed: ProjectedTrade[] = [];
    for (const id of ids) {
      const old = state.byId.get(id);
      if (old === undefined) continue;
      state.byId.delete(id);
      if (old.converted) removed.push(old);
      else state.unconverted.delete(id);
    }
    const added: ProjectedTrade[] = [];
    for (const trade of fresh) {
      state.byId.set(trade.id, trade);
      if (trade.converted) added.push(trade);
      else state.unconverted.set(trade.id, trade);
    }
    if (removed.length + added.length > SPLICE_LIMIT) {
      const gone = new Set(removed);
      const sorted = state.sorted.filter((t) => !gone.has(t));
      for (const trade of added) sorted.push(trade);
      state.sorted = sorted.sort(inCloseOrder);
      return;
    }
    for (const trade of removed) {
      const at = lowerBound(state.sorted, trade);
      // Ids are unique, so the trade sits exactly where its key sorts.
      state.sorted.splice(state.sorted[at] === trade ? at : state.sorted.indexOf(trade), 1);
    }
    for (const trade of added) state.sorted.splice(lowerBound(state.sorted, trade), 0, trade);
  }
}

const storedOutcome = (t: ProjectedTrade) => t.outcome;

/** Whether two readings of a trade give stats the same fields. */
function sameStats(a: ProjectedTrade, b: ProjectedTrade): boolean {
  return (
    a.accountId === b.accountId &&
    a.symbol === b.symbol &&
    a.side === b.side &&
    a.status === b.status &&
    a.openedAt === b.openedAt &&
    a.closedAt === b.closedAt &&
    a.netPnl === b.netPnl &&
    a.grossPnl === b.grossPnl &&
    a.fees === b.fees &&
    a.rMultiple === b.rMultiple &&
    a.playbookId === b.playbookId &&
    a.quantity === b.quantity &&
    a.outcome === b.outcome &&
    a.converted === b.converted &&
    a.tagIds.length === b.tagIds.length &&
    a.tagIds.every((tag, i) => tag === b.tagIds[i])
  );
}

function conversionKey({ baseCurrency, fxRates }: Conversion): string {
  return JSON.stringify([baseCurrency, Object.entries(fxRates).sort(([a], [b]) => (a < b ? -1 : 1))]);
}

/** The engine's close order: closedAt (openedAt when missing), then id. */
function inCloseOrder(a: ProjectedTrade, b: ProjectedTrade): number {
  const byTime = (a.closedAt ?? a.openedAt) - (b.closedAt ?? b.openedAt);
  if (byTime !== 0) return byTime;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/** The first position whose trade does not sort before `trade`. */
function lowerBound(sorted: readonly ProjectedTrade[], trade: ProjectedTrade): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const probe = sorted[mid];
    if (probe !== undefined && inCloseOrder(probe, trade) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

function marks(chunk: readonly unknown[]): string {
  return chunk.map(() => '?').join(', ');
}
