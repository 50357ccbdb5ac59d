import { useMemo } from 'react';
import type { TradeFilter } from '../../../../shared/contract';
import { useTimeZone } from '../../state/journal-store';
import { useRemote } from '../../state/use-remote';
import { LoadError } from '../../ui/LoadError';
import { Loading } from '../../ui/Loading';
import { closedOnDay } from '../../format/zone-day';
import { KeyFigures } from '../dashboard/KeyFigures';
import { TradesTable } from '../trades/TradesTable';

const SOURCES = ['trades', 'trade_tags', 'executions', 'settings'] as const;
const DAY_FIGURES = ['net-pnl', 'win-rate', 'profit-factor', 'trades'] as const;

/**
 * The trades closed on one day (display time zone) and their figures, each row opening its
 * trade. Closed, like the calendar's colour: the day's P&L is what the trader realised that day.
 */
export function DayTrades({ day }: { day: string }) {
  const timeZone = useTimeZone();
  const filter = useMemo<TradeFilter>(
    // A malformed day selects nothing rather than everything.
    () => closedOnDay(day, timeZone) ?? { closedFrom: 0, closedTo: 0 },
    [day, timeZone],
  );
  const stats = useRemote('stats.get', { filter }, SOURCES);
  const trades = useRemote('trades.list', { filter, limit: 1000 }, SOURCES);
  const failed = stats.error ?? trades.error;

  if (stats.value === undefined || trades.value === undefined) {
    if (failed && !stats.loading && !trades.loading) {
      return (
        <LoadError
          what="The day's trades could not be loaded"
          error={failed}
          onRetry={() => {
            stats.reload();
            trades.reload();
          }}
          testId="day-trades-error"
        />
      );
    }
    return <Loading label="Loading the day's trades…" />;
  }
  const items = trades.value.items;
  return (
    <section className="journal-day__trades" aria-label="The day's trades" data-testid="day-trades">
      <h2 className="journal__heading">Trades closed on this day</h2>
      <KeyFigures stats={stats.value} only={DAY_FIGURES} />
      {items.length === 0 ? (
        <p className="card card--padded cell-muted" data-testid="day-no-trades">
          No trades closed on this day. The notes below are still yours to write.
        </p>
      ) : (
        <div className="card">
          <TradesTable trades={items} caption={`Trades closed on ${day}`} />
        </div>
      )}
    </section>
  );
}
