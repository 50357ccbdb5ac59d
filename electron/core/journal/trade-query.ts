import type { TradeFilter } from '../../../shared/contract';
import type { SqlValue } from './store';

/** WHERE clause and parameters for a trade filter; every trade view uses this one. */
export function tradeWhere(filter: TradeFilter): { sql: string; params: SqlValue[] } {
  const clauses = ['t.deleted_hlc IS NULL'];
  const params: SqlValue[] = [];
  if (filter.from !== undefined) {
    clauses.push('t.opened_at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    clauses.push('t.opened_at <= ?');
    params.push(filter.to);
  }
  if (filter.closedFrom !== undefined) {
    clauses.push('t.closed_at >= ?');
    params.push(filter.closedFrom);
  }
  if (filter.closedTo !== undefined) {
    clauses.push('t.closed_at <= ?');
    params.push(filter.closedTo);
  }
  if (filter.accountIds && filter.accountIds.length > 0) {
    clauses.push(`t.account_id IN (${filter.accountIds.map(() => '?').join(', ')})`);
    params.push(...filter.accountIds);
  }
  if (filter.symbol !== undefined) {
    clauses.push('t.symbol = ?');
    params.push(filter.symbol.toUpperCase());
  }
  if (filter.side !== undefined) {
    clauses.push('t.side = ?');
    params.push(filter.side);
  }
  if (filter.status !== undefined) {
    clauses.push('t.status = ?');
    params.push(filter.status);
  }
  if (filter.playbookId !== undefined) {
    clauses.push('t.playbook_id = ?');
    params.push(filter.playbookId);
  }
  if (filter.tagId !== undefined) {
    clauses.push(
      'EXISTS (SELECT 1 FROM trade_tags tt WHERE tt.trade_id = t.id AND tt.tag_id = ? AND tt.deleted_hlc IS NULL)',
    );
    params.push(filter.tagId);
  }
  if (filter.outcome !== undefined) {
    clauses.push('t.outcome = ?');
    params.push(filter.outcome === 'win' ? 1 : filter.outcome === 'loss' ? -1 : 0);
  }
  return { sql: clauses.join(' AND '), params };
}

/** -1, 0 or 1 for a decimal string, without floating point. */
export function outcomeOf(netPnl: string): number {
  if (netPnl.startsWith('-')) return /[1-9]/.test(netPnl) ? -1 : 0;
  return /[1-9]/.test(netPnl) ? 1 : 0;
}
