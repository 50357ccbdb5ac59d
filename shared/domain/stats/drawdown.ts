import { add, sign } from '../money';
import type { Decimal } from '../types';
import type { DeepestDrawdown } from './equity';
import { formatUnits } from './money-columns';
import { ratio } from './ratios';
import { dayKey, dayNumber, type ZoneClock } from './time-zone';
import type { MaxDrawdown } from './types';

/**
 * The deepest drawdown in the terms the trader reads: money, a fraction of the equity at the
 * peak, dates, and calendar days from the peak to the recovery (or to the last close).
 * `closedAt` is in close order; `startAt` is when the curve starts at 0: the opening of the
 * first closed trade.
 */
export function maxDrawdown(
  deepest: DeepestDrawdown,
  scale: number,
  closedAt: readonly number[],
  clock: ZoneClock,
  startAt: number,
  initialEquity: Decimal | undefined,
): MaxDrawdown {
  const amount = formatUnits(deepest.amount, scale);
  const ofPeakEquity =
    closedAt.length === 0 ? null : fractionOfPeak(amount, formatUnits(deepest.peakEquity, scale), initialEquity);
  if (deepest.trough < 0) {
    return {
      amount,
      ofPeakEquity,
      peakAt: null,
      troughAt: null,
      recoveredAt: null,
      recoveryDay: null,
      durationDays: null,
    };
  }
  const dayOf = (ms: number) => dayNumber(ms + clock.offsetAt(ms));
  const peakAt = deepest.peak < 0 ? startAt : (closedAt[deepest.peak] ?? startAt);
  const recovered = deepest.recovered >= 0;
  const endAt = closedAt[recovered ? deepest.recovered : closedAt.length - 1] ?? peakAt;
  const endDay = dayOf(endAt);
  return {
    amount,
    ofPeakEquity,
    peakAt,
    troughAt: closedAt[deepest.trough] ?? null,
    recoveredAt: recovered ? endAt : null,
    recoveryDay: recovered ? dayKey(endDay) : null,
    durationDays: endDay - dayOf(peakAt),
  };
}

function fractionOfPeak(amount: Decimal, peakEquity: Decimal, initialEquity: Decimal | undefined): number | null {
  if (initialEquity === undefined) return null;
  const base = add(initialEquity, peakEquity);
  return sign(base) > 0 ? ratio(Number(amount), Number(base)) : null;
}
