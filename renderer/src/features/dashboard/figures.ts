import type { StatsResult } from '../../../../shared/contract';
import { formatMoney, toneOf, type Tone } from '../../format/money';

/** What the dashboard shows for a figure that has no value (no trades, no losses…). */
export const NOT_AVAILABLE = 'n/a';

export type KeyFigure = {
  key: string;
  label: string;
  /** As shown: "$1,234.50", "55.0 %", "n/a". */
  text: string;
  /** The figure as `stats.get` gave it, for tooltips and tests; null = n/a. */
  raw: string | number | null;
  tone: Tone;
  hint?: string;
};

const percent = new Intl.NumberFormat(undefined, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const ratioFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat();

/** A money figure as shown, or n/a (averages arrive as numbers, totals as decimal strings). */
export function moneyText(value: number | string | null, currency: string): string {
  if (value === null) return NOT_AVAILABLE;
  // Averages arrive as numbers; two decimals is what a trader reads, not a float's tail.
  const text = typeof value === 'number' ? value.toFixed(2) : value;
  return formatMoney(text, currency);
}

/** A fraction as a percentage with one decimal ("55.0 %"), or n/a. */
export function percentText(value: number | null): string {
  return value === null ? NOT_AVAILABLE : percent.format(value);
}

/** A ratio with two decimals ("1.85"), or n/a. */
export function ratioText(value: number | null): string {
  return value === null ? NOT_AVAILABLE : ratioFormat.format(value);
}

/** Gain, loss or flat for a plain number (n/a reads as flat). */
export function toneOfNumber(value: number | null): Tone {
  if (value === null || value === 0) return 'flat';
  return value > 0 ? 'gain' : 'loss';
}

/** The headline figures, in the order the dashboard lays them out. */
export function keyFigures(stats: StatsResult): KeyFigure[] {
  const s = stats.summary;
  const c = stats.currency;
  const dd = s.maxDrawdown;
  return [
    { key: 'net-pnl', label: 'Net P&L', text: moneyText(s.netPnl, c), raw: s.netPnl, tone: toneOf(s.netPnl) },
    {
      key: 'win-rate',
      label: 'Win rate',
      text: percentText(s.winRate),
      raw: s.winRate,
      tone: 'flat',
      hint: `${count.format(s.wins)} won, ${count.format(s.losses)} lost, ${count.format(s.breakeven)} even`,
    },
    {
      key: 'profit-factor',
      label: 'Profit factor',
      text: ratioText(s.profitFactor),
      raw: s.profitFactor,
      tone: s.profitFactor === null ? 'flat' : s.profitFactor >= 1 ? 'gain' : 'loss',
      hint: 'Money won ÷ money lost',
    },
    {
      key: 'expectancy',
      label: 'Expectancy',
      text: moneyText(s.expectancy, c),
      raw: s.expectancy,
      tone: toneOfNumber(s.expectancy),
      hint: s.expectancyR === null ? 'per trade' : `per trade · ${ratioFormat.format(s.expectancyR)} R`,
    },
    { key: 'average-win', label: 'Average win', text: moneyText(s.averageWin, c), raw: s.averageWin, tone: 'gain' },
    { key: 'average-loss', label: 'Average loss', text: moneyText(s.averageLoss, c), raw: s.averageLoss, tone: 'loss' },
    {
      key: 'max-drawdown',
      label: 'Max drawdown',
      // "0" when the curve never fell: that is a real figure, not n/a.
      text: s.closedTrades === 0 ? NOT_AVAILABLE : moneyText(dd.amount === '0' ? '0' : `-${dd.amount}`, c),
      raw: s.closedTrades === 0 ? null : dd.amount,
      tone: dd.amount === '0' ? 'flat' : 'loss',
      ...(dd.durationDays === null
        ? {}
        : { hint: `${count.format(dd.durationDays)} days${dd.recoveredAt ? '' : ', not recovered'}` }),
    },
    {
      key: 'trades',
      label: 'Trades',
      text: count.format(s.closedTrades),
      raw: s.closedTrades,
      tone: 'flat',
      hint: s.openTrades > 0 ? `closed, plus ${count.format(s.openTrades)} open` : 'closed',
    },
  ];
}
