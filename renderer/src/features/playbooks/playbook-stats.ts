import type { Bucket } from '../../../../shared/domain/stats';
import type { PlaybookAdherence } from '../../../../shared/domain/types';
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

/**
 * How the playbook's closed trades kept its rules, when it has rules: the share that kept
 * every rule, and the net P&L of those trades beside the rest ("did following it pay?").
 * A side with no trades reads n/a rather than a misleading 0.
 */
export function adherenceFigures(adherence: PlaybookAdherence | undefined, currency: string): PlaybookFigure[] {
  if (!adherence) return [];
  const { trades, allKept } = adherence;
  const rest = trades - allKept;
  const unconverted = adherence.unconverted > 0 ? ` (${adherence.unconverted} without a rate left out)` : '';
  return [
    {
      key: 'rules-kept',
      label: 'All rules kept',
      text: trades === 0 ? NOT_AVAILABLE : `${allKept} of ${trades} (${percentText(allKept / trades)})`,
    },
    {
      key: 'kept-net',
      label: 'Net P&L, all kept',
      text: allKept === 0 ? NOT_AVAILABLE : moneyText(adherence.allKeptNet, currency) + unconverted,
    },
    {
      key: 'broken-net',
      label: 'Net P&L, not all kept',
      text: rest === 0 ? NOT_AVAILABLE : moneyText(adherence.notAllKeptNet, currency) + unconverted,
    },
  ];
}
