import type { Database } from 'better-sqlite3';
import type { CoachContext, CoachTrade } from '../../../shared/domain/coach';
import { computeRMultiple } from '../../../shared/domain/pnl';
import type { Settings, Trade } from '../../../shared/domain/types';
import { stringList } from '../journal/json';

type Row = {
  id: string;
  account_id: string;
  symbol: string;
  side: Trade['side'];
  status: Trade['status'];
  opened_at: number;
  closed_at: number | null;
  quantity: string;
  multiplier: string;
  entry_price: string;
  gross_pnl: string;
  fees: string;
  net_pnl: string;
  net_pnl_base: string | null;
  stop_price: string | null;
  risk_amount: string | null;
  playbook_id: string | null;
  mistakes: string;
};

/** What the coach reads: every live trade (one query, no tags) and the names it writes with. */
export type CoachJournal = { trades: CoachTrade[]; ctx: CoachContext };

/**
 * The live trades as the coach sees them. P&L is in the base currency where a rate is set
 * (so mixed currencies add up); R is computed from the trade's own currency, where risk is.
 */
export function readCoachJournal(db: Database, settings: Settings): CoachJournal {
  const rows = db
    .prepare(
      `SELECT id, account_id, symbol, side, status, opened_at, closed_at, quantity, multiplier, entry_price,
         gross_pnl, fees, net_pnl, net_pnl_base, stop_price, risk_amount, playbook_id, mistakes
       FROM trades WHERE deleted_hlc IS NULL ORDER BY opened_at, id`,
    )
    .all() as Row[];
  const trades = rows.map((r): CoachTrade => {
    const rMultiple = computeRMultiple({
      side: r.side,
      entryPrice: r.entry_price,
      stopPrice: r.stop_price,
      riskAmount: r.risk_amount,
      quantity: r.quantity,
      multiplier: r.multiplier,
      netPnl: r.net_pnl,
    });
    return {
      id: r.id,
      accountId: r.account_id,
      symbol: r.symbol,
      side: r.side,
      status: r.status,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      netPnl: r.net_pnl_base ?? r.net_pnl,
      grossPnl: r.gross_pnl,
      fees: r.fees,
      rMultiple,
      playbookId: r.playbook_id,
      tagIds: [],
      quantity: r.quantity,
      entryPrice: r.entry_price,
      multiplier: r.multiplier,
      mistakes: stringList(r.mistakes),
    };
  });
  const names = db.prepare(`SELECT id, name FROM playbooks WHERE deleted_hlc IS NULL`).all() as {
    id: string;
    name: string;
  }[];
  return {
    trades,
    ctx: {
      timeZone: settings.displayTimeZone,
      currency: settings.baseCurrency,
      playbookNames: Object.fromEntries(names.map((p) => [p.id, p.name])),
    },
  };
}
