import {
  groupExecutionsIntoTrades,
  type EngineExecution,
  type EngineTrade,
  type EngineWarning,
} from '../../../shared/domain/pnl';
import { BatchInsert } from '../db/batch-insert';
import { outcomeOf } from './trade-query';
import type { Row, SqlValue, Store, Writer } from './store';
import { carryAnnotations } from './regroup-carry';
import { conversionOptions } from './settings';

/** One position history: the fills of one symbol in one account. */
export type SymbolKey = { accountId: string; symbol: string };

export type RegroupOptions = {
  /**
   * Hold new legs back across symbols (up to SORTED_LEGS_BATCH) and write them in trade-id
   * order. For imports small enough to keep in memory: on a 2M-fill import the held trades
   * raised the import's peak RSS from 473 to 582 MB.
   */
  sortLegs?: boolean;
};

export type RegroupResult = { created: number; updated: number; removed: number; warnings: EngineWarning[] };

type StoredTrade = Record<(typeof derivedColumns)[number], string | number | null> & { id: string };

/** Columns the engine owns; everything else on a trade is the trader's. */
const derivedColumns = [
  'account_id',
  'symbol',
  'asset_class',
  'side',
  'status',
  'opened_at',
  'closed_at',
  'quantity',
  'multiplier',
  'entry_price',
  'exit_price',
  'gross_pnl',
  'fees',
  'net_pnl',
  'net_pnl_base',
  'outcome',
  'currency',
] as const;

/**
 * Re-derive the trades of some symbols from all their live executions and reconcile them
 * with what is stored: unchanged trades are left alone, changed ones updated, new ones
 * inserted, vanished ones tombstoned after their annotations move to the trade that now
 * holds their first fill. A trade's legs are rewritten only when they changed. Runs
 * inside the caller's mutation.
 */
export function regroupSymbols(
  store: Store,
  w: Writer,
  keys: readonly SymbolKey[],
  /**
   * A symbol's complete live executions when the caller already holds them (a new symbol's
   * import). Their ids must be new to the journal: no tombstoned trade is looked for under them.
   */
  known: (key: SymbolKey) => EngineExecution[] | undefined = () => undefined,
  options: RegroupOptions = {},
): RegroupResult {
  const db = store.db;
  const loadExecutions = db.prepare(
    `SELECT id, account_id AS accountId, symbol, asset_class AS assetClass, side, quantity, price, fee, currency, executed_at AS executedAt
     FROM executions WHERE account_id = ? AND symbol = ? AND deleted_hlc IS NULL`,
  );
  const loadTrades = db.prepare(
    `SELECT id, ${derivedColumns.join(', ')} FROM trades WHERE account_id = ? AND symbol = ? AND deleted_hlc IS NULL`,
  );
  const loadLegs = db
    .prepare(
      `SELECT l.trade_id, l.execution_id, l.quantity, l.fee, l.role FROM trade_legs l JOIN trades t ON t.id = l.trade_id
       WHERE t.account_id = ? AND t.symbol = ? AND t.deleted_hlc IS NULL`,
    )
    .raw();
  const firstLeg = db
    .prepare(
      `SELECT l.execution_id FROM trade_legs l JOIN executions e ON e.id = l.execution_id
       WHERE l.trade_id = ? ORDER BY e.executed_at, e.id LIMIT 1`,
    )
    .pluck();
  const deleteLegs = db.prepare(`DELETE FROM trade_legs WHERE trade_id = ?`);
  const tombstoned = db.prepare(`SELECT 1 FROM trades WHERE id = ? AND deleted_hlc IS NOT NULL`).pluck();
  const insertLeg = new BatchInsert(db, 'trade_legs', ['trade_id', 'execution_id', 'quantity', 'fee', 'role']);
  const result: RegroupResult = { created: 0, updated: 0, removed: 0, warnings: [] };
  const conversion = conversionOptions(db);
  // New legs wait here, with `sortLegs` across symbols, and go in sorted by trade id: symbol
  // after symbol, trade ids (first fills' ids, minted in file order) land all over the
  // primary key; in order they append. Waiting is safe because legs are only ever read per
  // symbol (loadLegs, firstLeg), before that symbol's own legs are written, and a symbol's
  // trades are never another's.
  const pendingLegs: EngineTrade[] = [];
  let pendingLegCount = 0;
  const writePendingLegs = () => {
    pendingLegs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const trade of pendingLegs)
      for (const leg of trade.legs) insertLeg.add(trade.id, leg.executionId, leg.quantity, leg.fee, leg.role);
    insertLeg.flush();
    pendingLegs.length = 0;
    pendingLegCount = 0;
  };

  for (const key of dedupeKeys(keys)) {
    const given = known(key);
    const executions = given ?? (loadExecutions.all(key.accountId, key.symbol) as EngineExecution[]);
    const { trades, warnings } = groupExecutionsIntoTrades(executions, conversion);
    result.warnings.push(...warnings);
    const stored = new Map((loadTrades.all(key.accountId, key.symbol) as StoredTrade[]).map((t) => [t.id, t]));
    const storedLegs =
      stored.size === 0
        ? new Map<string, string>()
        : legSignatures(loadLegs.all(key.accountId, key.symbol) as LegRow[]);
    const live = new Set(trades.map((t) => t.id));
    // Where each vanishing trade began, read before its legs go.
    const firstFillOf = new Map<string, string>();
    for (const id of stored.keys()) {
      if (live.has(id)) continue;
      const exec = firstLeg.get(id) as string | undefined;
      if (exec) firstFillOf.set(id, exec);
      deleteLegs.run(id);
    }
    const fresh: SqlValue[][] = [];
    const tradeOfExecution = new Map<string, string>();
    const legsToWrite: EngineTrade[] = [];
    for (const trade of trades) {
      const row = derivedRow(trade);
      const old = stored.get(trade.id);
      // Trade ids are first-fill ids: fills just minted cannot have left a tombstone behind.
      if (!old && given === undefined && tombstoned.get(trade.id)) {
        // The same first fill once started a trade that was later merged away: bring that row back.
        w.revive('trades', trade.id);
        w.update('trades', trade.id, row);
        result.created++;
      } else if (!old) {
        fresh.push([trade.id, ...derivedColumns.map((c) => row[c] ?? null)]);
        result.created++;
      } else {
        const patch = changedColumns(old, row);
        if (Object.keys(patch).length > 0) {
          w.update('trades', trade.id, patch);
          result.updated++;
        }
      }
      // Only a vanishing trade's first fill is ever looked up: a first import of a symbol has none.
      if (firstFillOf.size > 0)
        for (const leg of trade.legs)
          if (!tradeOfExecution.has(leg.executionId)) tradeOfExecution.set(leg.executionId, trade.id);
      // A trade with no stored legs always gets them; only compare (and build the string) otherwise.
      const storedSignature = storedLegs.get(trade.id);
      if (storedSignature === undefined || storedSignature !== legSignature(trade)) legsToWrite.push(trade);
    }
    w.insertMany('trades', insertColumns, fresh);
    for (const trade of legsToWrite) {
      if (storedLegs.has(trade.id)) deleteLegs.run(trade.id);
      pendingLegs.push(trade);
      pendingLegCount += trade.legs.length;
    }
    if (!options.sortLegs || pendingLegCount >= SORTED_LEGS_BATCH) writePendingLegs();
    for (const oldId of stored.keys()) {
      if (live.has(oldId)) continue;
      const first = firstFillOf.get(oldId);
      const successor = first === undefined ? undefined : tradeOfExecution.get(first);
      if (successor !== undefined) carryAnnotations(db, w, oldId, successor);
      w.remove('trades', oldId);
      result.removed++;
    }
  }
  writePendingLegs();
  return result;
}

/**
 * Legs held back for sorting at most: 100k legs written in trade-id order took 160-190 ms
 * against 240-340 ms symbol by symbol (microbench), and holding more only costs memory on
 * the largest imports.
 */
const SORTED_LEGS_BATCH = 100_000;

type LegRow = [tradeId: string, executionId: string, quantity: string, fee: string, role: string];

const insertColumns = ['id', ...derivedColumns] as const;

/** A trade's legs as one comparable string (sorted: stored legs come back in key order). */
function legSignature(trade: EngineTrade): string {
  return trade.legs
    .map((l) => `${l.executionId}|${l.quantity}|${l.fee}|${l.role}`)
    .sort()
    .join('\n');
}

/** Stored legs per trade, as legSignature writes them. */
function legSignatures(rows: readonly LegRow[]): Map<string, string> {
  const byTrade = new Map<string, string[]>();
  for (const [tradeId, executionId, quantity, fee, role] of rows) {
    let list = byTrade.get(tradeId);
    if (!list) byTrade.set(tradeId, (list = []));
    list.push(`${executionId}|${quantity}|${fee}|${role}`);
  }
  return new Map([...byTrade].map(([id, legs]) => [id, legs.sort().join('\n')]));
}

function derivedRow(t: EngineTrade): Row {
  return {
    account_id: t.accountId,
    symbol: t.symbol,
    asset_class: t.assetClass,
    side: t.side,
    status: t.status,
    opened_at: t.openedAt,
    closed_at: t.closedAt,
    quantity: t.quantity,
    multiplier: t.multiplier,
    entry_price: t.entryPrice,
    exit_price: t.exitPrice,
    gross_pnl: t.grossPnl,
    fees: t.fees,
    net_pnl: t.netPnl,
    net_pnl_base: t.netPnlBase,
    outcome: outcomeOf(t.netPnl),
    currency: t.currency,
  };
}

function changedColumns(old: StoredTrade, next: Row): Row {
  const patch: Row = {};
  for (const column of derivedColumns) {
    if (old[column] !== next[column]) patch[column] = next[column] ?? null;
  }
  return patch;
}

function dedupeKeys(keys: readonly SymbolKey[]): SymbolKey[] {
  const seen = new Map<string, SymbolKey>();
  for (const k of keys) seen.set(`${k.accountId}\u0000${k.symbol}`, k);
  return [...seen.values()];
}
