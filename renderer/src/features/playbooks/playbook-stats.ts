import type { Bucket } from '../../../../shared/domain/stats';
import { moneyText, NOT_AVAILABLE, percentText, ratioText } from '../dashboard/figures';

export type PlaybookFigure = { key: string; label: string; text: string };

/**
 * A playbook's figures from its bucket of the by-playbook breakdown (closed trades only).
 * No bucket means no closed trade used the playbook: every ratio is n/a, the count is 0.
 */
export function playbookFigures(bucket: Bucket<string | null> | undefined, currency: string): PlaybookFigure[] {
  const trades = bucket?.trades ?? 0;
  const expectancy = bucket && trades > 0 ? Number(bucket.netPnl) / trades : null;
  return [
    { key: 'trades', label: 'Trades', text: String(trades) },
    { key: 'win-rate', label: 'Win rate', text: percentText(bucket?.winRate ?? null) },
    { key: 'net-pnl', label: 'Net P&L', text: bucket ? moneyText(bucket.netPnl, currency) : NOT_AVAILABLE },
    { key: 'expectancy', label: 'Expectancy', text: moneyText(expectancy, currency) },
    { key: 'profit-factor', label: 'Profit factor', text: ratioText(bucket?.profitFactor ?? null) },
  ];
}
