import type { ParsedInput, StatsResult } from '../../../shared/contract';
import { mul } from '../../../shared/domain/money';
import { computeStats, type StatsTrade } from '../../../shared/domain/stats';
import type { SettingsService } from './settings';
import type { Store } from './store';
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
];

// Unit separator: cannot occur in an id, so the concatenated tag ids split back exactly.
const TAG_SEPARATOR = '\u001f';

const statsColumns = `t.id, t.account_id, t.symbol, t.side, t.status, t.opened_at, t.closed_at, t.quantity,
  t.net_pnl_base, t.gross_pnl, t.fees, t.currency, t.playbook_id, ${R_MULTIPLE_SQL} AS r,
  (SELECT group_concat(tt.tag_id, char(31)) FROM trade_tags tt
    WHERE tt.trade_id = t.id AND tt.deleted_hlc IS NULL) AS tag_ids`;

/** Dashboard statistics: one lean query under the trade list's own filter, then the engine. */
export class Stats {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
  ) {}

  get({ filter }: ParsedInput<'stats.get'>): StatsResult {
    const { baseCurrency, displayTimeZone, fxRates } = this.settings.get();
    const where = tradeWhere(filter);
    const rows = this.store.db
      .prepare(`SELECT ${statsColumns} FROM trades t WHERE ${where.sql}`)
      .raw()
      .all(...where.params) as StatsRow[];
    const trades: StatsTrade[] = [];
    let unconverted = 0;
    for (const row of rows) {
      const currency = row[11];
      const netBase = row[8];
      const rate = currency === baseCurrency ? null : fxRates[currency];
      // A trade with no rate to the base currency would mix currencies in every total: left out, and counted.
      if (netBase === null || rate === undefined) {
        unconverted++;
        continue;
      }
      trades.push(toStatsTrade(row, netBase, rate));
    }
    const stats = computeStats(trades, { timeZone: displayTimeZone });
    return { ...stats, currency: baseCurrency, timeZone: displayTimeZone, unconverted };
  }
}

function toStatsTrade(row: StatsRow, netBase: string, rate: string | null): StatsTrade {
  const [id, accountId, symbol, side, status, openedAt, closedAt, quantity, , grossPnl, fees, , playbookId, r, tagIds] =
    row;
  return {
    id,
    accountId,
    symbol,
    side,
    status,
    openedAt,
    closedAt,
    netPnl: netBase,
    grossPnl: rate === null ? grossPnl : mul(grossPnl, rate),
    fees: rate === null ? fees : mul(fees, rate),
    // R is a ratio of two amounts in the trade's own currency, so it needs no conversion.
    rMultiple: roundR(r),
    playbookId,
    tagIds: tagIds === null ? [] : tagIds.split(TAG_SEPARATOR),
    quantity,
  };
}
