import type { Database } from 'better-sqlite3';
import type { EngineExecution } from '../../../shared/domain/pnl';
import type { SymbolKey } from '../journal/regroup';
import type { Stage } from './stage';

/** Executions per symbol, keyed by `symbolKeyOf`. */
export type KnownExecutions = Map<string, EngineExecution[]>;

export function symbolKeyOf(accountId: string, symbol: string): string {
  return `${accountId}\u0000${symbol}`;
}

/** What the commit learns from the rows the stage kept in memory. */
export type KeptGroups = {
  /** The staged fills of each symbol the journal has no fills for yet. */
  known: KnownExecutions;
  /** Every symbol with staged fills, in the order of its first staged row. */
  keys: SymbolKey[];
};

/**
 * The staged fills of every symbol the journal has no fills for yet, as the engine reads
 * them, built from the rows the stage kept in memory. Those symbols' trades come from
 * these fills alone, so the commit need not read them back from the table. Null when the
 * stage kept no rows (a very large import). Call before the staged rows are inserted.
 */
export function keptExecutionsOfNewSymbols(db: Database, stage: Stage): KeptGroups | null {
  const kept = stage.kept;
  if (kept === null) return null;
  const plan = new Map(
    (
      db
        .prepare(`SELECT p.label, p.account_id, a.currency FROM ${stage.plan} p JOIN accounts a ON a.id = p.account_id`)
        .raw()
        .all() as [string, string, string][]
    ).map(([label, accountId, currency]) => [label, { accountId, currency }]),
  );
  const hasFills = db.prepare(`SELECT 1 FROM executions WHERE account_id = ? AND symbol = ? LIMIT 1`).pluck();
  const known: KnownExecutions = new Map();
  const keys: SymbolKey[] = [];
  const earlier = new Set<string>();
  for (const { execution: e, id, label } of kept) {
    const account = plan.get(label);
    if (!account) continue;
    const key = symbolKeyOf(account.accountId, e.symbol);
    if (earlier.has(key)) continue;
    let list = known.get(key);
    if (!list) {
      keys.push({ accountId: account.accountId, symbol: e.symbol });
      if (hasFills.get(account.accountId, e.symbol) !== undefined) {
        earlier.add(key);
        continue;
      }
      known.set(key, (list = []));
    }
    list.push({
      id,
      accountId: account.accountId,
      symbol: e.symbol,
      assetClass: e.assetClass,
      side: e.side,
      quantity: e.quantity,
      price: e.price,
      fee: e.fee,
      currency: e.currency ?? account.currency,
      executedAt: e.executedAt,
    });
  }
  return { known, keys };
}

/** The kept fills of one symbol, when it is one of the new symbols. */
export function knownExecutionsOf(known: KnownExecutions | undefined, key: SymbolKey): EngineExecution[] | undefined {
  return known?.get(symbolKeyOf(key.accountId, key.symbol));
}
