import type { ParsedInput, StatsResult } from '../../../shared/contract';
import { mul } from '../../../shared/domain/money';
import { computeRMultiple } from '../../../shared/domain/pnl';
import { computeStats, type StatsTrade } from '../../../shared/domain/stats';
import type { SettingsService } from './settings';
import type { Store } from './store';
import { tradeWhere } from './trade-query';

/** The columns stats read: the engine's projection, plus what R and the base currency need. */
type StatsRow = {
  id: string;
  account_id: string;
  symbol: string;
  side: StatsTrade['side'];
  status: StatsTrade['status'];
  opened_at: number;
  closed_at: number | null;
  quantity: string;
  multiplier: string;
  entry_price: string;
  stop_price: string | null;
  risk_amount: string | null;
  net_pnl: string;
  net_pnl_base: string | null;
  gross_pnl: string;
  fees: string;
  currency: string;
  playbook_id: string | null;
  tag_ids: string | null;
};

// Unit separator: cannot occur in an id, so the concatenated tag ids split back exactly.
const TAG_SEPARATOR = '\u001f';

const statsColumns = `t.id, t.account_id, t.symbol, t.side, t.status, t.opened_at, t.closed_at, t.quantity,
  t.multiplier, t.entry_price, t.stop_price, t.risk_amount, t.net_pnl, t.net_pnl_base, t.gross_pnl, t.fees,
  t.currency, t.playbook_id,
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
      .all(...where.params) as StatsRow[];
    const trades: StatsTrade[] = [];
    let unconverted = 0;
    for (const row of rows) {
      const rate = row.currency === baseCurrency ? null : fxRates[row.currency];
      // A trade with no rate to the base currency would mix currencies in every total: left out, and counted.
      if (row.net_pnl_base === null || (row.currency !== baseCurrency && rate === undefined)) {
        unconverted++;
        continue;
      }
      trades.push(toStatsTrade(row, row.net_pnl_base, rate ?? null));
    }
    const stats = computeStats(trades, { timeZone: displayTimeZone });
    return { ...stats, currency: baseCurrency, timeZone: displayTimeZone, unconverted };
  }
}

function toStatsTrade(row: StatsRow, netBase: string, rate: string | null): StatsTrade {
  const hasRisk = row.stop_price !== null || row.risk_amount !== null;
  return {
    id: row.id,
    accountId: row.account_id,
    symbol: row.symbol,
    side: row.side,
    status: row.status,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    netPnl: netBase,
    grossPnl: rate === null ? row.gross_pnl : mul(row.gross_pnl, rate),
    fees: rate === null ? row.fees : mul(row.fees, rate),
    // R is a ratio of two amounts in the trade's own currency, so it needs no conversion.
    rMultiple: hasRisk
      ? computeRMultiple({
          side: row.side,
          entryPrice: row.entry_price,
          stopPrice: row.stop_price,
          riskAmount: row.risk_amount,
          netPnl: row.net_pnl,
          quantity: row.quantity,
          multiplier: row.multiplier,
        })
      : null,
    playbookId: row.playbook_id,
    tagIds: row.tag_ids === null ? [] : row.tag_ids.split(TAG_SEPARATOR),
    quantity: row.quantity,
  };
}
