import type { Database } from 'better-sqlite3';
import type { IntegrityCheck } from '../../../shared/contract/backups';
import { groupExecutionsIntoTrades, type EngineExecution, type EngineTrade } from '../../../shared/domain/pnl';
import { hasColumn, hasTable } from '../backup/tables';
import { check, plural } from './check';

type StoredTrade = [
  id: string,
  accountId: string,
  symbol: string,
  side: string,
  status: string,
  openedAt: number,
  quantity: string,
  netPnl: string,
];
type ExecutionRow = [
  id: string,
  accountId: string,
  symbol: string,
  assetClass: EngineExecution['assetClass'],
  side: EngineExecution['side'],
  quantity: string,
  price: string,
  fee: string,
  currency: string,
  executedAt: number,
];

/** Where the link from trades to their fills is kept: `trade_legs` now, `executions.trade_id` before it. */
type LegSource = 'trade_legs' | 'executions.trade_id' | null;

/**
 * Recompute every trade from its executions with the P&L engine (per account and symbol,
 * as the importer does) and compare quantity, net P&L, status and which fills belong to
 * it with what is stored.
 *
 * One plain scan of each table (executions, trades, legs) and one engine run over all
 * executions: per account-and-symbol queries walked the indexes and fetched every row at
 * random, which cost more than the engine itself.
 */
export function tradesMatchExecutions(db: Database): IntegrityCheck {
  const legSource: LegSource = hasTable(db, 'trade_legs')
    ? 'trade_legs'
    : hasColumn(db, 'executions', 'trade_id')
      ? 'executions.trade_id'
      : null;
  // NOT INDEXED: a table scan in rowid order, not an index walk with a row lookup each.
  // Raw rows made into literals here: about half the CPU of better-sqlite3 building each
  // object (250k fills on the bench journal; the costliest read of the report).
  const executions: EngineExecution[] = [];
  // The columns with few distinct values keep one string per value rather than one per
  // row: less for the garbage collector to carry (4.3-4.4 s -> 4.1 s of CPU for the whole
  // check on the bench journal, three runs each). Interning prices and quantities as well
  // cost more than it saved.
  const pool = new Map<string, string>();
  const one = <T extends string>(text: T): T => {
    const kept = pool.get(text);
    if (kept !== undefined) return kept as T;
    pool.set(text, text);
    return text;
  };
  const executionRows = db
    .prepare(
      `SELECT id, account_id, symbol, asset_class, side, quantity, price, fee, currency, executed_at
       FROM executions NOT INDEXED WHERE deleted_hlc IS NULL`,
    )
    .raw()
    .iterate() as IterableIterator<ExecutionRow>;
  for (const [id, accountId, symbol, assetClass, side, quantity, price, fee, currency, executedAt] of executionRows) {
    executions.push({
      id,
      accountId: one(accountId),
      symbol: one(symbol),
      assetClass: one(assetClass),
      side: one(side),
      quantity,
      price,
      fee: one(fee),
      currency: one(currency),
      executedAt,
    });
  }
  // Raw rows for trades too, and legs grouped per trade by SQLite (storedLegs): objects per
  // row cost 2.50 s of CPU for the whole check on the bench journal, raw rows 2.27 s.
  const stored = db
    .prepare(
      `SELECT id, account_id, symbol, side, status, opened_at, quantity, net_pnl FROM trades NOT INDEXED WHERE deleted_hlc IS NULL`,
    )
    .raw()
    .all() as StoredTrade[];
  const legs = storedLegs(db, legSource);

  const counts = { trades: stored.length, checked: 0, mismatched: 0, missing: 0, extra: 0, legsDiffer: 0, warnings: 0 };
  const examples: string[] = [];
  const note = (id: string) => examples.length < 3 && examples.push(id);

  // The engine buckets by account and symbol itself and sorts each bucket by time.
  const { trades: derived, warnings } = groupExecutionsIntoTrades(executions);
  counts.warnings = warnings.length;
  const byId = new Map(stored.map((t) => [t[0], t]));
  const startKey = (account: string, symbol: string, openedAt: number, side: string) =>
    `${account}\u0000${symbol}\u0000${openedAt}\u0000${side}`;
  // Only a trade whose id changed is looked up by where it starts: build that map on the first miss.
  let byStartMap: Map<string, StoredTrade> | undefined;
  const byStart = () =>
    (byStartMap ??= new Map(
      stored.map((t) => {
        const [, accountId, symbol, side, , openedAt] = t;
        return [startKey(accountId, symbol, openedAt, side), t];
      }),
    ));
  const matched = new Set<string>();
  for (const trade of derived) {
    const sameGroup = (row: StoredTrade | undefined) =>
      row && row[1] === trade.accountId && row[2] === trade.symbol ? row : undefined;
    const row =
      sameGroup(byId.get(trade.id)) ??
      byStart().get(startKey(trade.accountId, trade.symbol, trade.openedAt, trade.side));
    if (!row || matched.has(row[0])) {
      counts.missing++;
      note(trade.id);
      continue;
    }
    const [id, , , , status, , quantity, netPnl] = row;
    matched.add(id);
    counts.checked++;
    const same = status === trade.status && sameDecimal(quantity, trade.quantity) && sameDecimal(netPnl, trade.netPnl);
    if (!same) {
      counts.mismatched++;
      note(id);
    }
    if (legSource && !sameLegs(legs.get(id) ?? '', trade, legSource)) {
      counts.legsDiffer++;
      note(id);
    }
  }
  // Stored trades no derived trade claimed, including those in an account and symbol with no executions.
  counts.extra = stored.length - matched.size;
  const problems = counts.mismatched + counts.missing + counts.extra + counts.legsDiffer;
  if (problems > 0) {
    const parts = [
      counts.mismatched &&
        `${plural(counts.mismatched, 'trade')} ${counts.mismatched === 1 ? 'differs' : 'differ'} from the executions`,
      counts.missing && `${plural(counts.missing, 'trade')} the executions imply are not stored`,
      counts.extra && `${plural(counts.extra, 'stored trade')} no execution explains`,
      counts.legsDiffer && `${plural(counts.legsDiffer, 'trade')} with other fills than the engine assigns`,
    ].filter(Boolean);
    return check('trades ⇄ executions', 'fail', `${parts.join('; ')} (e.g. ${examples.join(', ')})`, counts);
  }
  const detail = `${plural(counts.checked, 'trade')} recomputed from their executions; all match`;
  if (counts.warnings > 0) {
    return check('trades ⇄ executions', 'warn', `${detail}; ${plural(counts.warnings, 'engine warning')}`, counts);
  }
  return check('trades ⇄ executions', 'pass', detail, counts);
}

/** Between a leg's execution id and its quantity, and between legs, in `storedLegs`' texts. */
const UNIT = '\u001f';
const RECORD = '\u001e';

/**
 * Each trade's stored fills as one text ("<execution id>␟<quantity>" joined by ␞), made by
 * SQLite: one row per trade reaches JavaScript instead of one per leg (the legs' read
 * 0.41–0.49 s → 0.21–0.23 s on the bench journal, three runs each). trade_legs is WITHOUT
 * ROWID with the trade id first in its key, so the grouping walks the key in order and
 * group_concat sees each trade's legs as stored; should SQLite order them otherwise,
 * sameLegs' exact comparison misses and the order-free one decides.
 */
function storedLegs(db: Database, source: LegSource): Map<string, string> {
  if (source === null) return new Map();
  const sql =
    source === 'trade_legs'
      ? `SELECT trade_id, group_concat(execution_id || char(31) || quantity, char(30)) FROM trade_legs GROUP BY trade_id`
      : `SELECT trade_id, group_concat(id || char(31), char(30)) FROM executions NOT INDEXED
         WHERE deleted_hlc IS NULL AND trade_id IS NOT NULL GROUP BY trade_id`;
  return new Map(db.prepare(sql).raw().all() as [string, string][]);
}

function sameLegs(stored: string, trade: EngineTrade, source: LegSource): boolean {
  // The usual case, cheaply: the very fills and quantity texts, in the engine's order.
  if (source === 'trade_legs' && stored === trade.legs.map((l) => l.executionId + UNIT + l.quantity).join(RECORD)) {
    return true;
  }
  const rows = stored === '' ? [] : stored.split(RECORD).map((leg) => leg.split(UNIT) as [string, string]);
  // Before trade_legs a reversing fill belonged to one trade only: compare just which fills.
  const key = source === 'trade_legs' ? (id: string, q: string) => `${id}:${normalizeDecimal(q)}` : (id: string) => id;
  const a = [...new Set(rows.map(([executionId, quantity]) => key(executionId, quantity)))].sort();
  const b = [...new Set(trade.legs.map((l) => key(l.executionId, l.quantity)))].sort();
  // There, every fill stored on the trade must be one the engine puts into it.
  if (source === 'executions.trade_id') return a.every((id) => b.includes(id));
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Decimal strings equal as numbers ("2.50" = "2.5", "-0" = "0"). */
export function sameDecimal(a: string, b: string): boolean {
  return a === b || normalizeDecimal(a) === normalizeDecimal(b);
}

function normalizeDecimal(text: string): string {
  let t = text.trim().replace(/^\+/, '');
  const negative = t.startsWith('-');
  if (negative) t = t.slice(1);
  let [whole = '0', fraction = ''] = t.split('.');
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}
