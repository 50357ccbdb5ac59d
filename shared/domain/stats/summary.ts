import { profitFactor, type TradeFacts } from './aggregate';
import { formatUnits, unitsToNumber, type MoneyColumns } from './money-columns';
import { ratio } from './ratios';
import type { MaxDrawdown, StatsSummary } from './types';

/** Exact totals over all closed trades, and where the largest win and loss are (−1: none). */
type MoneyTotals = {
  net: number | bigint;
  profit: number | bigint;
  gross: number | bigint;
  fees: number | bigint;
  /** Sum of positive grossPnl: the base of the commission share. */
  grossWon: number | bigint;
  largestWin: number;
  largestLoss: number;
};

function moneyTotals(money: MoneyColumns): MoneyTotals {
  if (money.kind === 'number') {
    let net = 0;
    let profit = 0;
    let gross = 0;
    let fees = 0;
    let grossWon = 0;
    let largestWin = -1;
    let largestLoss = -1;
    for (let i = 0; i < money.net.length; i++) {
      const v = money.net[i] ?? 0;
      const g = money.gross[i] ?? 0;
      net += v;
      gross += g;
      fees += money.fees[i] ?? 0;
      if (g > 0) grossWon += g;
      if (v > 0) {
        profit += v;
        if (largestWin < 0 || v > (money.net[largestWin] ?? 0)) largestWin = i;
      } else if (v < 0 && (largestLoss < 0 || v < (money.net[largestLoss] ?? 0))) largestLoss = i;
    }
    return { net, profit, gross, fees, grossWon, largestWin, largestLoss };
  }
  let net = 0n;
  let profit = 0n;
  let gross = 0n;
  let fees = 0n;
  let grossWon = 0n;
  let largestWin = -1;
  let largestLoss = -1;
  for (let i = 0; i < money.net.length; i++) {
    const v = money.net[i] ?? 0n;
    const g = money.gross[i] ?? 0n;
    net += v;
    gross += g;
    fees += money.fees[i] ?? 0n;
    if (g > 0n) grossWon += g;
    if (v > 0n) {
      profit += v;
      if (largestWin < 0 || v > (money.net[largestWin] ?? 0n)) largestWin = i;
    } else if (v < 0n && (largestLoss < 0 || v < (money.net[largestLoss] ?? 0n))) largestLoss = i;
  }
  return { net, profit, gross, fees, grossWon, largestWin, largestLoss };
}

/** Counts, streaks (walked in close `order`), mean R and holding times: no exact money needed. */
function tradeCounts(facts: TradeFacts, holdMs: Float64Array, order: Int32Array) {
  const counts = { wins: 0, losses: 0, rSum: 0, rTrades: 0, winStreak: 0, lossStreak: 0 };
  let holdWins = 0;
  let holdLosses = 0;
  let streak = 0;
  for (let position = 0; position < order.length; position++) {
    const i = order[position] ?? 0;
    const outcome = facts.outcome[i] ?? 0;
    const r = facts.r[i] ?? Number.NaN;
    if (r === r) {
      counts.rSum += r;
      counts.rTrades++;
    }
    if (outcome > 0) {
      counts.wins++;
      holdWins += holdMs[i] ?? 0;
      streak = streak > 0 ? streak + 1 : 1;
      if (streak > counts.winStreak) counts.winStreak = streak;
    } else if (outcome < 0) {
      counts.losses++;
      holdLosses += holdMs[i] ?? 0;
      streak = streak < 0 ? streak - 1 : -1;
      if (-streak > counts.lossStreak) counts.lossStreak = -streak;
    } else streak = 0;
  }
  return { ...counts, holdWins, holdLosses };
}

/** What the summary needs besides the closed trades' columns. */
export type SummaryContext = {
  openTrades: number;
  tradingDays: number;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: MaxDrawdown;
};

/** The headline figures of the closed trades. */
export function summarize(
  money: MoneyColumns,
  facts: TradeFacts,
  holdMs: Float64Array,
  order: Int32Array,
  context: SummaryContext,
): StatsSummary {
  const { scale } = money;
  const closed = facts.outcome.length;
  const totals = moneyTotals(money);
  const counts = tradeCounts(facts, holdMs, order);
  const loss = typeof totals.net === 'bigint' ? totals.net - BigInt(totals.profit) : totals.net - Number(totals.profit);
  const averageWin = ratio(unitsToNumber(totals.profit, scale), counts.wins);
  const averageLoss = ratio(unitsToNumber(loss, scale), counts.losses);
  const largest = (i: number) => (i < 0 ? null : formatUnits(money.net[i] ?? 0, scale));
  return {
    closedTrades: closed,
    openTrades: context.openTrades,
    wins: counts.wins,
    losses: counts.losses,
    breakeven: closed - counts.wins - counts.losses,
    winRate: ratio(counts.wins, closed),
    grossProfit: formatUnits(totals.profit, scale),
    grossLoss: formatUnits(loss, scale),
    profitFactor: profitFactor(totals.net, totals.profit),
    expectancy: ratio(unitsToNumber(totals.net, scale), closed),
    expectancyR: ratio(counts.rSum, counts.rTrades * 10 ** facts.rScale),
    rTrades: counts.rTrades,
    averageWin,
    averageLoss,
    payoffRatio: averageWin === null || averageLoss === null ? null : ratio(averageWin, -averageLoss),
    largestWin: largest(totals.largestWin),
    largestLoss: largest(totals.largestLoss),
    netPnl: formatUnits(totals.net, scale),
    grossPnl: formatUnits(totals.gross, scale),
    fees: formatUnits(totals.fees, scale),
    commissionShare: ratio(Number(totals.fees), Number(totals.grossWon)),
    maxDrawdown: context.maxDrawdown,
    tradingDays: context.tradingDays,
    sharpe: context.sharpe,
    sortino: context.sortino,
    longestWinStreak: counts.winStreak,
    longestLossStreak: counts.lossStreak,
    averageHoldWinnersMs: ratio(counts.holdWins, counts.wins),
    averageHoldLosersMs: ratio(counts.holdLosses, counts.losses),
  };
}
