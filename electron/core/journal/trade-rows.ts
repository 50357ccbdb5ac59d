import type { Execution, Trade } from '../../../shared/domain/types';
import { stringList } from './json';
import { computeRMultiple } from '../../../shared/domain/pnl';

export type TradeRow = {
  id: string;
  account_id: string;
  symbol: string;
  asset_class: Trade['assetClass'];
  side: Trade['side'];
  status: Trade['status'];
  opened_at: number;
  closed_at: number | null;
  quantity: string;
  multiplier: string;
  entry_price: string;
  exit_price: string | null;
  gross_pnl: string;
  fees: string;
  net_pnl: string;
  net_pnl_base: string | null;
  currency: string;
  stop_price: string | null;
  target_price: string | null;
  risk_amount: string | null;
  playbook_id: string | null;
  rating: number | null;
  notes: string;
  emotions: string;
  mistakes: string;
  rules_kept: string;
  tag_ids: string | null;
};

/** Columns read for a trade, with its live tag ids folded into one JSON column. */
export const tradeColumns = `t.id, t.account_id, t.symbol, t.asset_class, t.side, t.status, t.opened_at, t.closed_at,
  t.quantity, t.multiplier, t.entry_price, t.exit_price, t.gross_pnl, t.fees, t.net_pnl, t.net_pnl_base, t.currency, t.stop_price, t.target_price,
  t.risk_amount, t.playbook_id, t.rating, t.notes, t.emotions, t.mistakes, t.rules_kept,
  (SELECT json_group_array(tt.tag_id) FROM trade_tags tt WHERE tt.trade_id = t.id AND tt.deleted_hlc IS NULL) AS tag_ids`;

export function toTrade(r: TradeRow): Trade {
  const base = {
    id: r.id,
    accountId: r.account_id,
    symbol: r.symbol,
    assetClass: r.asset_class,
    side: r.side,
    status: r.status,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    quantity: r.quantity,
    multiplier: r.multiplier,
    entryPrice: r.entry_price,
    exitPrice: r.exit_price,
    grossPnl: r.gross_pnl,
    fees: r.fees,
    netPnl: r.net_pnl,
    netPnlBase: r.net_pnl_base,
    currency: r.currency,
    stopPrice: r.stop_price,
    targetPrice: r.target_price,
    riskAmount: r.risk_amount,
    playbookId: r.playbook_id,
    rating: r.rating,
    notes: r.notes,
    emotions: stringList(r.emotions),
    mistakes: stringList(r.mistakes),
    rulesKept: stringList(r.rules_kept),
    tagIds: stringList(r.tag_ids),
  };
  return { ...base, rMultiple: computeRMultiple(base) };
}

export type ExecutionRow = {
  id: string;
  account_id: string;
  broker_exec_id: string | null;
  order_id: string | null;
  symbol: string;
  asset_class: Execution['assetClass'];
  side: Execution['side'];
  quantity: string;
  price: string;
  fee: string;
  currency: string;
  executed_at: number;
};

export const executionColumns = `id, account_id, broker_exec_id, order_id, symbol, asset_class, side, quantity, price, fee,
  currency, executed_at`;

export function toExecution(r: ExecutionRow): Execution {
  return {
    id: r.id,
    accountId: r.account_id,
    brokerExecId: r.broker_exec_id,
    orderId: r.order_id,
    symbol: r.symbol,
    assetClass: r.asset_class,
    side: r.side,
    quantity: r.quantity,
    price: r.price,
    fee: r.fee,
    currency: r.currency,
    executedAt: r.executed_at,
  };
}
