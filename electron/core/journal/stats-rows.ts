import type { Database } from 'better-sqlite3';
import type { TradeFilter } from '../../../shared/contract';
import { mul } from '../../../shared/domain/money';
import { computeStats, type StatsTrade } from '../../../shared/domain/stats';
import type { Outcome, Settings } from '../../../shared/domain/types';
import type { SqlValue } from './store';
import { R_MULTIPLE_SQL, roundR } from './stats-r';
import { tradeWhere } from './trade-query';

/**
 * The columns stats read, as a raw row (an array: better-sqlite3 builds no object per row,
 * which is a good part of reading 100k rows). Positions match `statsColumns`.
 */
type StatsRow = [
  id: string,
  accountId: string,
  symbol: string,
  side: StatsTrade['side'],
  status: StatsTrade['status'],
  openedAt: number,
  closedAt: number | null,
  quantity: string,
  netPnlBase: string | null,
  grossPnl: string,
  fees: string,
  currency: string,
  playbookId: string | null,
  r: number | null,
  tagIds: string | null,
  outcome: number,
];

// Unit separator: cannot occur in an id, so the concatenated tag ids split back exactly.
const TAG_SEPARATOR = '\u001f';

const statsColumns = `t.id, t.account_id, t.symbol, t.side, t.status, t.opened_at, t.closed_at, t.quantity,
  t.net_pnl_base, t.gross_pnl, t.fees, t.currency, t.playbook_id, ${R_MULTIPLE_SQL} AS r,
  (SELECT group_concat(tt.tag_id, char(31)) FROM trade_tags tt
    WHERE tt.trade_id = t.id AND tt.deleted_hlc IS NULL) AS tag_ids, t.outcome`;

/** What converting to the base currency needs from the settings. */
export type Conversion = Pick<Settings, 'baseCurrency' | 'fxRates'>;

/**
 * A trade as stats hold it: the engine's fields in the base currency, the stored outcome
 * (the sign of the trade's own-currency P&L, which the SQL filter compares) and whether it
 * could be converted (`converted: false` = no rate: counted as `unconverted`, never summed).
 */
export type ProjectedTrade = StatsTrade & { outcome: Outcome | null; converted: boolean };

/** Stats rows of the live trades matching `where` (a clause over trades `t`). */
export function readStatsTrades(db: Database, where: string, params: SqlValue[], c: Conversion): ProjectedTrade[] {
  const rows = db
    .prepare(`SELECT ${statsColumns} FROM trades t WHERE ${where}`)
    .raw()
    .all(...params) as StatsRow[];
  const shared = new Map<string, string>();
  // Ids, symbols and sides repeat across rows but SQLite hands each row fresh strings:
  // sharing one copy takes ~30 % off the memory 100k held trades need.
  const one = (text: string): string => {
    const known = shared.get(text);
    if (known !== undefined) return known;
    shared.set(text, text);
    return text;
  };
  return rows.map((row) => toProjected(row, c, one));
}

const NO_TAGS: readonly string[] = Object.freeze([]);

/**
 * `stats.get` read straight from SQL under the trade list's own WHERE clause: what the
 * handler did before the projection, and the reference the projection is tested against.
 */
export function statsFromSql(db: Database, settings: Settings, filter: TradeFilter) {
  const where = tradeWhere(filter);
  const all = readStatsTrades(db, where.sql, where.params, settings);
  const trades = all.filter((t) => t.converted);
  const stats = computeStats(trades, { timeZone: settings.displayTimeZone });
  return {
    ...stats,
    currency: settings.baseCurrency,
    timeZone: settings.displayTimeZone,
    unconverted: all.length - trades.length,
  };
}

const OUTCOMES: Record<number, Outcome> = { 1: 'win', [-1]: 'loss', 0: 'breakeven' };

function toProjected(row: StatsRow, c: Conversion, one: (text: string) => string): ProjectedTrade {
  const [id, accountId, symbol, side, status, openedAt, closedAt, quantity, netBase, grossPnl, fees, currency] = row;
  const [playbookId, r, tagIds, outcome] = [row[12], row[13], row[14], row[15]];
  const rate = currency === c.baseCurrency ? null : c.fxRates[currency];
  // A trade with no rate to the base currency would mix currencies in every total: left out, and counted.
  const converted = netBase !== null && rate !== undefined;
  return {
    id,
    accountId: one(accountId),
    symbol: one(symbol),
    side: one(side) as StatsTrade['side'],
    status: one(status) as StatsTrade['status'],
    openedAt,
    closedAt,
    netPnl: netBase ?? '0',
    grossPnl: !converted || rate === null ? grossPnl : mul(grossPnl, rate),
    fees: !converted || rate === null ? fees : mul(fees, rate),
    // R is a ratio of two amounts in the trade's own currency, so it needs no conversion.
    rMultiple: roundR(r),
    playbookId: playbookId === null ? null : one(playbookId),
    tagIds: tagIds === null ? (NO_TAGS as string[]) : tagIds.split(TAG_SEPARATOR).map(one),
    quantity: one(quantity),
    // A value other than -1, 0, 1 matches no outcome filter in SQL either.
    outcome: OUTCOMES[outcome] ?? null,
    converted,
  };
}
