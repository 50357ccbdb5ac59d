import type { CoachContext, CoachTrade } from './types';

/** Builders for hand-made journals in coach tests. Times are UTC; the context zone is UTC. */
export const ctx: CoachContext = {
  timeZone: 'UTC',
  currency: 'USD',
  playbookNames: { orb: 'Opening range', fade: 'Fade' },
};

export const MIN = 60_000;
export const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00Z`);

let seq = 0;

/** A closed long of 1 unit at 100 opened at `openedAt`, held `holdMin` minutes, netting `pnl`. */
export function trade(p: Partial<CoachTrade> & { openedAt: number; pnl: number; holdMin?: number }): CoachTrade {
  seq += 1;
  const { pnl, holdMin = 10, ...rest } = p;
  return {
    id: `t${String(seq).padStart(4, '0')}`,
    accountId: 'a1',
    symbol: 'ES',
    side: 'long',
    status: 'closed',
    closedAt: p.openedAt + holdMin * MIN,
    netPnl: String(pnl),
    grossPnl: String(pnl),
    fees: '0',
    rMultiple: null,
    playbookId: null,
    tagIds: [],
    quantity: '1',
    entryPrice: '100',
    multiplier: '1',
    mistakes: [],
    rulesKept: [],
    ...rest,
  };
}

/** `n` trades, one a day from `firstDay` at 10:00 UTC, with P&L from `pnlOf(i)`. */
export function daily(
  n: number,
  pnlOf: (i: number) => number,
  extra: Partial<CoachTrade> = {},
  firstDay = '2025-01-06',
): CoachTrade[] {
  const start = Date.parse(`${firstDay}T10:00:00Z`);
  return Array.from({ length: n }, (_, i) => trade({ openedAt: start + i * 86_400_000, pnl: pnlOf(i), ...extra }));
}
